import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emitCancellable, fakeElectron, FakeWebContents, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const { buildContentSecurityPolicy, hardenWebContents, installPermissionPolicy, isPermissionAllowed } = await import(
  './security'
);

beforeEach(() => resetFakeElectron());

describe('buildContentSecurityPolicy', () => {
  it('allows connections only to self and the server over http and ws', () => {
    expect(buildContentSecurityPolicy('http://localhost:8080')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self' http://localhost:8080 ws://localhost:8080; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('uses the origin only and wss for an https server', () => {
    const policy = buildContentSecurityPolicy('https://desk.example.com:8443/tierdesk/?x=1');
    expect(policy).toContain("connect-src 'self' https://desk.example.com:8443 wss://desk.example.com:8443;");
    expect(policy).not.toContain('/tierdesk');
  });

  it('never allows inline or eval scripts', () => {
    const scriptDirective = buildContentSecurityPolicy('https://desk.example.com')
      .split('; ')
      .find((directive) => directive.startsWith('script-src'));
    expect(scriptDirective).toBe("script-src 'self'");
  });

  it.each(['ftp://files.example.com', 'javascript:alert(1)', 'localhost:8080', '', "http://x'; script-src *"])(
    'refuses %j rather than emit a broken policy',
    (url) => {
      expect(() => buildContentSecurityPolicy(url)).toThrow(/http\(s\) URL/);
    },
  );
});

describe('hardenWebContents', () => {
  function hardened(): FakeWebContents {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents);
    return contents;
  }

  it('denies every new window and sends http(s) links to the system browser', () => {
    const contents = hardened();
    expect(contents.openWindow('https://docs.example.com/help')).toEqual({ action: 'deny' });
    expect(contents.openWindow('http://intranet.local/kb')).toEqual({ action: 'deny' });
    expect(fakeElectron.shell.openExternal.mock.calls).toEqual([
      ['https://docs.example.com/help'],
      ['http://intranet.local/kb'],
    ]);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'app://tierdesk/index.html', 'nonsense'])(
    'denies window.open(%j) without opening anything',
    (url) => {
      const contents = hardened();
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
      expect(fakeElectron.shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it.each(['will-navigate', 'will-redirect'])('%s: blocks leaving app://tierdesk, allows moving within it', (event) => {
    const contents = hardened();
    expect(emitCancellable(contents, event, 'https://evil.example.com/')).toBe(true);
    expect(emitCancellable(contents, event, 'file:///etc/passwd')).toBe(true);
    expect(emitCancellable(contents, event, 'app://tierdesk.evil.com/')).toBe(true);
    expect(emitCancellable(contents, event, 'app://other/index.html')).toBe(true);
    expect(emitCancellable(contents, event, 'app://tierdesk/index.html')).toBe(false);
    expect(emitCancellable(contents, event, 'app://tierdesk/tickets/42')).toBe(false);
  });

  it('refuses to attach <webview>', () => {
    expect(emitCancellable(hardened(), 'will-attach-webview', {}, {})).toBe(true);
  });
});

describe('permission policy', () => {
  const session = fakeElectron.session.defaultSession;

  function request(permission: string, requestingUrl: string): boolean {
    let granted: boolean | undefined;
    session.permissionRequestHandler!({}, permission, (answer) => (granted = answer), { requestingUrl, isMainFrame: true });
    if (granted === undefined) throw new Error('permission request never answered');
    return granted;
  }

  beforeEach(() => installPermissionPolicy(session as unknown as Session));

  it('grants notifications to the desk', () => {
    expect(request('notifications', 'app://tierdesk/index.html')).toBe(true);
    expect(session.permissionCheckHandler!(null, 'notifications', 'app://tierdesk', { isMainFrame: true })).toBe(true);
  });

  it.each(['media', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'hid', 'usb', 'fullscreen', 'unknown'])(
    'denies %s even to the desk',
    (permission) => {
      expect(request(permission, 'app://tierdesk/index.html')).toBe(false);
      expect(session.permissionCheckHandler!(null, permission, 'app://tierdesk', {})).toBe(false);
    },
  );

  it('denies notifications to any other origin', () => {
    expect(request('notifications', 'https://evil.example.com/')).toBe(false);
    expect(session.permissionCheckHandler!(null, 'notifications', 'https://evil.example.com', {})).toBe(false);
    expect(isPermissionAllowed('notifications', undefined)).toBe(false);
  });

  it('lets the desk reach a loopback or LAN server (Chromium Local Network Access)', () => {
    expect(request('local-network-access', 'app://tierdesk/index.html')).toBe(true);
    expect(session.permissionCheckHandler!(null, 'loopback-network', 'app://tierdesk', {})).toBe(true);
    expect(request('local-network', 'https://evil.example.com/')).toBe(false);
  });
});
