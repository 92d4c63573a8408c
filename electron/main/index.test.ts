import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, DESKTOP_EVENTS } from '../../core/desktop-api';
import { fakeElectron, FakeBrowserWindow, FakeNotification, FakeWebContents, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

// index.ts wires on import, as Electron runs main.cjs, so one app is started for the whole file
// and the tests run against it in order. The refused-lock path is in index-single-instance.test.ts.
const { app, ipcMain, protocol, session, powerMonitor } = fakeElectron;
const DESK = 'app://tierdesk/index.html';
let userData: string;
let registeredSchemeBeforeReady = false;

beforeAll(async () => {
  resetFakeElectron();
  vi.stubEnv('TIERDESK_SERVER_URL', '');
  userData = await mkdtemp(path.join(tmpdir(), 'tierdesk-main-'));
  app.userDataPath = userData;
  await import('./index');
  registeredSchemeBeforeReady = protocol.registerSchemesAsPrivileged.mock.calls.length === 1;
  expect(FakeBrowserWindow.instances).toHaveLength(0);
  app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), { timeout: 5000 });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(userData, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('registers the app scheme before ready, then on ready serves it, sets permissions, IPC and the window', () => {
    expect(registeredSchemeBeforeReady).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(session.defaultSession.permissionCheckHandler).not.toBeNull();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(DESKTOP_CHANNELS).sort());
    const [window] = FakeBrowserWindow.instances;
    expect(window!.loadedUrl).toBe('app://tierdesk/index.html');
    expect(window!.options.webPreferences?.preload).toMatch(/preload\.cjs$/);
  });

  it('serves pages with a CSP that follows the server URL the agent sets', async () => {
    const serve = protocol.handlers.get('app')!;
    const before = (await serve(new Request('app://tierdesk/index.html'))).headers.get('content-security-policy');
    expect(before).toContain("connect-src 'self' http://localhost:8080 ws://localhost:8080;");

    await ipcMain.invoke(DESKTOP_CHANNELS.setServerUrl, 'app://tierdesk/index.html', 'https://desk.example.com');
    const after = (await serve(new Request('app://tierdesk/index.html'))).headers.get('content-security-policy');
    expect(after).toContain("connect-src 'self' https://desk.example.com wss://desk.example.com;");
  });

  it('hardens every web contents the app creates', () => {
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.openWindow('https://evil.example.com')).toEqual({ action: 'deny' });
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledWith('https://evil.example.com');
  });

  it('a second launch brings the existing window forward instead of opening another', () => {
    const [window] = FakeBrowserWindow.instances;
    window!.minimize();
    app.emit('second-instance', {}, [], '/');
    expect(window!.minimized).toBe(false);
    expect(window!.focused).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('shows the unacknowledged count in the desk window title, and clears it at 0', async () => {
    const [window] = FakeBrowserWindow.instances;
    await ipcMain.invoke(DESKTOP_CHANNELS.setBadgeCount, DESK, 3);
    expect(window!.title).toBe('Tierdesk (3)');
    await ipcMain.invoke(DESKTOP_CHANNELS.setBadgeCount, DESK, 0);
    expect(window!.title).toBe('Tierdesk');
  });

  it('answers getIdleSeconds with the system idle time', async () => {
    powerMonitor.idleSeconds = 95;
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.getIdleSeconds, DESK)).resolves.toBe(95);
  });

  it('a clicked notification brings the window forward and hands its tag to the page', async () => {
    const [window] = FakeBrowserWindow.instances;
    window!.webContents.finishLoad();
    window!.minimize();
    await ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 'Ticket #42 assigned', body: 'Printer', tag: 'ticket:42' });
    FakeNotification.instances.at(-1)!.emit('click');
    expect(window!.minimized).toBe(false);
    expect(window!.focused).toBe(true);
    expect(window!.webContents.sent).toEqual([[DESKTOP_EVENTS.notificationClicked, 'ticket:42']]);
  });

  it('opens a new desk window on activate after the last one closed', () => {
    const [window] = FakeBrowserWindow.instances;
    window!.emit('close', { preventDefault: () => {} });
    window!.destroyed = true;
    window!.emit('closed');
    app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(FakeBrowserWindow.instances[1]!.loadedUrl).toBe('app://tierdesk/index.html');
  });

  it('a notification clicked after the last window closed opens a new one and tells its page once loaded', async () => {
    await ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 'Ticket #7 assigned', body: 'VPN', tag: 'ticket:7' });
    const open = FakeBrowserWindow.instances.at(-1)!;
    open.destroy();
    const windowsBefore = FakeBrowserWindow.instances.length;

    FakeNotification.instances.at(-1)!.emit('click');
    expect(FakeBrowserWindow.instances).toHaveLength(windowsBefore + 1);
    const reopened = FakeBrowserWindow.instances.at(-1)!;
    expect(reopened.webContents.sent).toEqual([]);
    reopened.webContents.finishLoad();
    expect(reopened.webContents.sent).toEqual([[DESKTOP_EVENTS.notificationClicked, 'ticket:7']]);
  });
});
