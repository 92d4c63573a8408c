import type { IncomingMessage } from 'node:http';

/** The desktop console's own origin (Electron's app:// protocol): always allowed. */
export const DESKTOP_ORIGIN = 'app://tierdesk';

/**
 * Which browser pages may open a socket: the console served by this server (same host), the
 * desktop app, and the origins listed in TIERDESK_CORS_ORIGINS (the one list CORS reads too).
 * A browser always sends Origin on a WebSocket handshake, so a page elsewhere (a malicious site
 * an agent visits) is refused before its handshake can ride the agent's session. A request
 * without Origin is not a browser page (an integration, a script) and is allowed: it must still
 * authenticate like everyone else.
 */
export function createOriginCheck(listed: readonly string[], options: { trustForwardedHost: boolean }): (request: IncomingMessage) => boolean {
  const allowed = new Set([DESKTOP_ORIGIN, ...listed]);
  return (request) => {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (allowed.has(origin)) return true;
    const forwarded = options.trustForwardedHost ? request.headers['x-forwarded-host'] : undefined;
    const host = (typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined) ?? request.headers.host;
    try {
      return host !== undefined && new URL(origin).host === host;
    } catch {
      return false; // "null" (sandboxed pages, file://) and anything unparsable
    }
  };
}
