import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectron, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const { APP_ENTRY_URL, createAppProtocolHandler, installAppProtocol, isAppUrl, registerAppScheme } = await import(
  './app-protocol'
);

const CSP = "default-src 'self'; test-marker";
let sandbox: string;
let rootDir: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(async () => {
  // rootDir is ".../renderer"; the secrets sit in a sibling whose name starts with it, so a naive
  // startsWith(root) check would let "../renderer-secrets" through.
  sandbox = await mkdtemp(path.join(tmpdir(), 'tierdesk-protocol-'));
  rootDir = path.join(sandbox, 'renderer');
  await mkdir(path.join(rootDir, 'assets'), { recursive: true });
  await mkdir(path.join(sandbox, 'renderer-secrets'));
  await writeFile(path.join(rootDir, 'index.html'), '<!doctype html><title>desk</title>');
  await writeFile(path.join(rootDir, 'assets', 'app.js'), 'console.log("desk")');
  await writeFile(path.join(rootDir, 'assets', 'app.css'), 'body{}');
  await writeFile(path.join(sandbox, 'secret.txt'), 'TOP-SECRET');
  await writeFile(path.join(sandbox, 'renderer-secrets', 'secret.txt'), 'TOP-SECRET');
  serve = createAppProtocolHandler({ rootDir, contentSecurityPolicy: () => CSP });
});

afterAll(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

beforeEach(() => resetFakeElectron());

async function get(url: string, init?: RequestInit): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await serve(new Request(url, init));
  return { status: response.status, body: await response.text(), headers: response.headers };
}

describe('app:// protocol', () => {
  it('registers app as a standard, secure, fetch- and CORS-enabled scheme', () => {
    registerAppScheme();
    expect(fakeElectron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ]);
  });

  it('installs its handler for the app scheme', async () => {
    installAppProtocol({ rootDir, contentSecurityPolicy: () => CSP });
    const handler = fakeElectron.protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler!(new Request(APP_ENTRY_URL));
    expect(await response.text()).toContain('<title>desk</title>');
  });

  it('serves index.html with the CSP, a content type and nosniff', async () => {
    for (const url of [APP_ENTRY_URL, 'app://tierdesk/', 'app://tierdesk']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.body).toContain('<title>desk</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CSP);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves assets with their content types', async () => {
    const script = await get('app://tierdesk/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.body).toBe('console.log("desk")');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const style = await get('app://tierdesk/assets/app.css?v=2');
    expect(style.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('falls back to index.html for client-side routes, but 404s a missing asset', async () => {
    const route = await get('app://tierdesk/tickets/42');
    expect(route.status).toBe(200);
    expect(route.body).toContain('<title>desk</title>');
    const missing = await get('app://tierdesk/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CSP);
  });

  it.each([
    'app://tierdesk/..%2fsecret.txt',
    'app://tierdesk/..%2f..%2fsecret.txt',
    'app://tierdesk/%2e%2e%2fsecret.txt',
    'app://tierdesk/..%2frenderer-secrets%2fsecret.txt',
    'app://tierdesk/assets/..%2f..%2frenderer-secrets/secret.txt',
    'app://tierdesk/..%5csecret.txt',
    'app://tierdesk/../secret.txt',
    'app://tierdesk/%2e%2e/secret.txt',
    'app://tierdesk/index.html%00.js',
    'app://tierdesk/tickets%00',
    'app://tierdesk/%E0%A4%A',
  ])('refuses %s with 404 and never leaks a file outside the renderer folder', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('TOP-SECRET');
  });

  it('also refuses traversal in extensionless paths instead of falling back', async () => {
    // Must be a 404, not index.html: a fallback would hide that the path was hostile.
    const response = await get('app://tierdesk/..%2f..%2fetc');
    expect(response.status).toBe(404);
  });

  it('serves nothing for another host on the scheme', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://tierdesk:8080/index.html')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses writes with 405', async () => {
    const head = await get(APP_ENTRY_URL, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await get(APP_ENTRY_URL, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('reads the CSP per response so a new server URL applies at the next load', async () => {
    let policy = 'first';
    const handler = createAppProtocolHandler({ rootDir, contentSecurityPolicy: () => policy });
    expect((await handler(new Request(APP_ENTRY_URL))).headers.get('content-security-policy')).toBe('first');
    policy = 'second';
    expect((await handler(new Request(APP_ENTRY_URL))).headers.get('content-security-policy')).toBe('second');
  });

  it('recognises only app://tierdesk as the app origin', () => {
    expect(isAppUrl('app://tierdesk/index.html')).toBe(true);
    expect(isAppUrl('app://tierdesk')).toBe(true);
    expect(isAppUrl('app://tierdesk.evil.com/')).toBe(false);
    expect(isAppUrl('app://user@tierdesk/')).toBe(false);
    expect(isAppUrl('app://tierdesk:1/')).toBe(false);
    expect(isAppUrl('https://tierdesk/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
