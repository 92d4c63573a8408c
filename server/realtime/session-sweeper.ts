import type { AuthService } from '../auth/auth-service';
import type { Clock } from '../clock';
import type { LimitSettings } from '../config';
import type { SecurityLog } from '../features/security/security-log';
import type { Logger } from '../logger';
import { bufferedBytes } from './request-guard';
import type { DeskServer, DeskSocket } from './socket-types';

const SWEEP_EVERY_MS = 1_000;
/** A socket whose unread output passes this many times the request limit is cut (it resyncs on reconnect). */
const OVERFLOW_FACTOR = 4;

/**
 * Every second, over this process's sockets:
 * - a session past its lifetime ends at once: `session:ended {reason: 'expired'}` and the socket
 *   closes, so it receives nothing more, its presence drops (and routing stops choosing it);
 * - a session unused longer than the idle timeout (when one is set) ends the same way, for every
 *   process and for HTTP, once the session row confirms that no other process saw it used;
 * - a socket whose client stopped reading (its unread output over 4× the per-socket answer
 *   limit) is disconnected, so a stalled reader cannot pile up server memory.
 * Driven by wall-clock ticks but judged by the server's clock, so a test clock moves expiries too.
 */
export function startSessionSweeper(io: DeskServer, deps: { auth: AuthService; clock: Clock; logger: Logger; securityLog: SecurityLog; limits: LimitSettings }): () => void {
  const { auth, clock, logger, securityLog, limits } = deps;
  const confirming = new Set<string>();

  const endExpired = (socket: DeskSocket) => {
    securityLog.record({ kind: 'session_ended', agentId: socket.data.viewer.id, detail: { reason: 'expired' } });
    socket.emit('session:ended', { reason: 'expired' });
    socket.disconnect(true);
  };

  const endIfIdle = (sessionId: string, agentId: string) => {
    if (confirming.has(sessionId)) return;
    confirming.add(sessionId);
    auth.activity
      .confirmIdle(sessionId)
      .then(async (idle) => {
        if (!idle) return;
        securityLog.record({ kind: 'session_ended', agentId, detail: { reason: 'idle' } });
        await auth.endSession(sessionId, 'idle');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'could not end an idle session'))
      .finally(() => confirming.delete(sessionId));
  };

  const sweep = () => {
    const now = clock.now();
    for (const socket of io.of('/').sockets.values()) {
      const { session } = socket.data;
      if (session.expiresAt <= now) endExpired(socket);
      else if (auth.activity.idleBy(session.sessionId, session.lastActiveAt)) endIfIdle(session.sessionId, socket.data.viewer.id);
      else if (limits.enabled && bufferedBytes(socket) > OVERFLOW_FACTOR * limits.socketMaxBufferedBytes) {
        securityLog.record({ kind: 'rate_limited', agentId: socket.data.viewer.id, detail: { limit: 'unread_output', bytes: bufferedBytes(socket) } });
        socket.disconnect(true);
      }
    }
  };
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
