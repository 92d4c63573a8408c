import { BehaviorSubject, type Observable } from 'rxjs';
import type { Presence, PresenceReport, SocketAuth } from '../../core';
import type { SessionAgent } from './desk-session';
import { request, type DeskSocket } from './desk-socket';

export type DeskPresence = {
  report(report: PresenceReport): void;
  readonly mine$: Observable<Presence>;
  readonly team$: Observable<ReadonlyMap<string, Presence>>;
  stop(): void;
};

/**
 * The agent's own presence (reported by the console: idle detection or their choice) and, for
 * supervisors and admins, the team's. The last report rides in the socket handshake, so a
 * console that reconnects is never briefly "online" when its agent chose "away".
 */
export function trackPresence(socket: DeskSocket, agent: SessionAgent): DeskPresence {
  const mine$ = new BehaviorSubject<Presence>('offline');
  const team$ = new BehaviorSubject<ReadonlyMap<string, Presence>>(new Map());
  const auth = socket.auth as SocketAuth & { presence?: PresenceReport['state'] };
  let last: PresenceReport = { state: auth.presence ?? 'online', manual: false };
  const watchesTeam = agent.role !== 'agent';

  const send = () => {
    request(socket, (timed) => timed.emitWithAck('presence:set', last))
      .then((response) => response.ok && mine$.next(response.presence))
      .catch(() => undefined); // offline: the handshake carries it on reconnect
  };
  const loadTeam = () => {
    if (!watchesTeam) return;
    request(socket, (timed) => timed.emitWithAck('presence:list', {}))
      .then((response) => response.ok && team$.next(new Map(response.agents.map((entry) => [entry.agentId, entry.presence]))))
      .catch(() => undefined);
  };
  const onConnect = () => {
    mine$.next(last.state);
    loadTeam();
  };
  const onDisconnect = () => {
    mine$.next('offline');
    team$.next(new Map());
  };
  const onChanged = ({ agentId, presence }: { agentId: string; presence: Presence }) => {
    const next = new Map(team$.value);
    next.set(agentId, presence);
    team$.next(next);
  };
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('presence:changed', onChanged);
  if (socket.connected) onConnect();

  return {
    report(report) {
      last = report;
      auth.presence = report.state;
      if (socket.connected) send();
    },
    mine$: mine$.asObservable(),
    team$: team$.asObservable(),
    stop() {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.off('presence:changed', onChanged);
      mine$.complete();
      team$.complete();
    },
  };
}
