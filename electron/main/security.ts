import { shell, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/**
 * The Content-Security-Policy every app:// response carries. Scripts only from the package (no
 * inline, no eval), network only to the desk's own origin and the configured server (HTTP for
 * REST, WebSocket for the sync stream). Throws if serverUrl is not an http(s) URL, because a CSP
 * naming anything else would be either broken or a hole.
 */
export function buildContentSecurityPolicy(serverUrl: string): string {
  const server = parseHttpUrl(serverUrl);
  const socketOrigin = `${server.protocol === 'https:' ? 'wss:' : 'ws:'}//${server.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${server.origin} ${socketOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

function parseHttpUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new Error(`Server URL must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  return parsed;
}

/** Links the desk may hand to the system browser; anything else (file:, javascript:, smb:) is dropped. */
export function isExternalWebUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'https:';
}

/**
 * Applied to every WebContents the app creates (main window, devtools, anything a bug or an
 * exploit might spawn): no new windows (http(s) links go to the system browser instead), no
 * navigation or redirect away from app://tierdesk, no <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * Permissions the desk's own pages may use. Notifications are the desk's point. The local-network
 * ones exist because Chromium's Local Network Access blocks a non-local origin such as app:// from
 * reaching loopback or private addresses without them, and the default server is
 * http://localhost:8080 (often a LAN host in practice); the CSP's connect-src still limits the page
 * to the configured server.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'notifications',
  'local-network-access',
  'local-network',
  'loopback-network',
]);

/** True only for an allowed permission asked for by a page on app://tierdesk. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl);
}

/**
 * Denies every permission request and check except those in ALLOWED_PERMISSIONS from the app
 * origin. Both handlers are needed: Chromium checks first and only asks when the check fails.
 */
export function installPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}
