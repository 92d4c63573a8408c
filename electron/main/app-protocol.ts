import { stat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';

/**
 * The desk's renderer is served from the app package through a privileged custom scheme rather
 * than file:// so that it has a real origin (CSP 'self', fetch, storage) and opens offline.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tierdesk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const ENTRY_FILE = 'index.html';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * True only for URLs on the desk's own origin (app://tierdesk). Compares scheme and host rather
 * than `URL.origin`, because Node reports the origin of non-special schemes as "null". A port or
 * credentials make it a different origin. Never throws: an unparsable URL is simply not ours.
 */
export function isAppUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * Must run before the app's 'ready' event (Electron refuses it later). `standard` gives the
 * scheme real origins and relative URL resolution; `secure` makes it a secure context (needed for
 * IndexedDB persistence, notifications, crypto.subtle); `supportFetchAPI` lets the renderer fetch
 * its own assets; `corsEnabled` keeps CORS checks on for requests to it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

export type AppProtocolOptions = {
  /** Absolute folder holding the built renderer (index.html + assets). */
  rootDir: string;
  /** Read per response so a changed server URL applies at the next page load. */
  contentSecurityPolicy: () => string;
};

type ResolvedFile = { kind: 'file'; filePath: string } | { kind: 'not-found' };

/**
 * Maps an app:// URL to a file inside rootDir. Guarantees the result never lies outside rootDir:
 * `..` segments (also percent-encoded), backslashes, NUL bytes and malformed escapes resolve to
 * not-found. Unknown paths without an extension are client-side routes and get index.html;
 * unknown paths with one (a missing asset) are not-found, so a broken build fails loudly.
 */
export async function resolveAppFile(rootDir: string, requestUrl: string): Promise<ResolvedFile> {
  if (!isAppUrl(requestUrl)) return { kind: 'not-found' };
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return { kind: 'not-found' };
  }
  if (decodedPath.includes('\0') || decodedPath.includes('\\')) return { kind: 'not-found' };

  const root = path.resolve(rootDir);
  const relativePath = decodedPath.replace(/^\/+/, '') || ENTRY_FILE;
  const filePath = path.resolve(root, relativePath);
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot)) {
    return { kind: 'not-found' };
  }

  if (await isFile(filePath)) return { kind: 'file', filePath };
  if (path.extname(relativePath) === '') return { kind: 'file', filePath: path.join(root, ENTRY_FILE) };
  return { kind: 'not-found' };
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

/**
 * The `protocol.handle` callback. Every response, errors included, carries the CSP, so no page
 * on the app origin can ever run without it. Only GET and HEAD are served (405 otherwise).
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = new Headers({
      'Content-Security-Policy': options.contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      // The files change only with an app update; revalidating local files costs nothing.
      'Cache-Control': 'no-cache',
    });
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      headers.set('Allow', 'GET, HEAD');
      return new Response(null, { status: 405, headers });
    }
    const resolved = await resolveAppFile(options.rootDir, request.url);
    if (resolved.kind === 'not-found') {
      headers.set('Content-Type', 'text/plain; charset=utf-8');
      return new Response(request.method === 'HEAD' ? null : 'Not found', { status: 404, headers });
    }
    let body: Buffer;
    try {
      body = await readFile(resolved.filePath);
    } catch {
      // index.html itself missing: the renderer was not built (npm run build:renderer).
      headers.set('Content-Type', 'text/plain; charset=utf-8');
      return new Response(request.method === 'HEAD' ? null : 'Not found', { status: 404, headers });
    }
    headers.set('Content-Type', CONTENT_TYPES[path.extname(resolved.filePath).toLowerCase()] ?? 'application/octet-stream');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

/** Serves the renderer on app://tierdesk for the default session. Call after 'ready'. */
export function installAppProtocol(options: AppProtocolOptions): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
}
