import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, DESKTOP_EVENTS } from '../../../core/desktop-api';
import { fakeElectron, FakeBrowserWindow, FakeNotification, resetFakeElectron } from '../testing/fake-electron';

vi.mock('electron', async () => (await import('../testing/fake-electron')).fakeElectronModule);

const { registerDesktopIpc } = await import('./register-desktop-ipc');
const { openSettingsStore } = await import('../settings');
const { createNotifier } = await import('../notifications');
const { createBadgeIndicator } = await import('../tray');
const { readSystemIdleSeconds } = await import('../idle');

const DESK = 'app://tierdesk/index.html';
const { ipcMain, app, powerMonitor } = fakeElectron;
let userData: string;
let window: FakeBrowserWindow;

beforeEach(async () => {
  resetFakeElectron();
  userData = await mkdtemp(path.join(tmpdir(), 'tierdesk-ipc-'));
  app.userDataPath = userData;
  window = new FakeBrowserWindow({ title: 'Tierdesk' });
  void window.loadURL(DESK);
  window.webContents.finishLoad();
  const badge = createBadgeIndicator({
    getWindow: () => window as unknown as BrowserWindow,
    onTrayClick: () => {},
    platform: 'linux',
  });
  badge.attachWindow(window as unknown as BrowserWindow);
  registerDesktopIpc({
    settings: openSettingsStore({ env: {} }),
    notifier: createNotifier({ revealDesk: () => {}, getWindow: () => window as unknown as BrowserWindow }),
    badge,
    idleSeconds: readSystemIdleSeconds,
  });
});

afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

/** What a fresh start of the app would read from disk. */
const persisted = () => openSettingsStore({ env: {} }).read();

it('registers exactly one handler per channel of the desktop API', () => {
  expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(DESKTOP_CHANNELS).sort());
});

describe('accepts good calls from the desk', () => {
  it('getSettings returns the stored settings', async () => {
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.getSettings, DESK)).resolves.toEqual({
      serverUrl: 'http://localhost:8080',
      language: null,
    });
  });

  it('setServerUrl and setLanguage persist', async () => {
    await ipcMain.invoke(DESKTOP_CHANNELS.setServerUrl, DESK, 'https://desk.example.com');
    await ipcMain.invoke(DESKTOP_CHANNELS.setLanguage, 'app://tierdesk/settings', 'ru');
    expect(persisted()).toEqual({ serverUrl: 'https://desk.example.com', language: 'ru' });
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.getSettings, DESK)).resolves.toEqual(persisted());
  });

  it('showNotification shows a silent native notification', async () => {
    await ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 'Ticket #7 escalated', body: 'L2 needed' });
    expect(FakeNotification.instances.map((n) => [n.options, n.shown])).toEqual([
      [{ title: 'Ticket #7 escalated', body: 'L2 needed', silent: true }, true],
    ]);
  });

  it('showNotification with a tag hands the tag to the page when the notification is clicked', async () => {
    await ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 'Ticket #7 assigned', body: 'VPN', tag: 'ticket:7' });
    expect(FakeNotification.instances).toHaveLength(1);
    FakeNotification.instances[0]!.emit('click');
    expect(window.webContents.sent).toEqual([[DESKTOP_EVENTS.notificationClicked, 'ticket:7']]);
  });

  it('getIdleSeconds returns the system idle time', async () => {
    powerMonitor.idleSeconds = 317;
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.getIdleSeconds, DESK)).resolves.toBe(317);
    expect(powerMonitor.getSystemIdleTime).toHaveBeenCalledOnce();
  });

  it('setBadgeCount sets the app badge and the window title', async () => {
    await ipcMain.invoke(DESKTOP_CHANNELS.setBadgeCount, DESK, 12);
    expect(app.setBadgeCount).toHaveBeenLastCalledWith(12);
    expect(window.title).toBe('Tierdesk (12)');
  });

  it('accepts the limits themselves', async () => {
    await ipcMain.invoke(DESKTOP_CHANNELS.setBadgeCount, DESK, 9999);
    await ipcMain.invoke(DESKTOP_CHANNELS.setBadgeCount, DESK, 0);
    await ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 't'.repeat(200), body: 'b'.repeat(1000) });
    await ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 't', body: '', tag: 'x' });
    await ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 't', body: '', tag: 'x'.repeat(100) });
    expect(app.setBadgeCount.mock.calls).toEqual([[9999], [0]]);
    expect(FakeNotification.instances).toHaveLength(3);
  });
});

describe('rejects bad payloads and changes nothing', () => {
  const badServerUrls: unknown[] = [
    'ftp://desk.example.com',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'desk.example.com',
    '',
    42,
    null,
    undefined,
    { url: 'https://desk.example.com' },
    `https://${'a'.repeat(2100)}.com`,
  ];
  it.each(badServerUrls)('setServerUrl(%j)', async (url) => {
    await ipcMain.invoke(DESKTOP_CHANNELS.setServerUrl, DESK, 'http://before.example.com');
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.setServerUrl, DESK, url)).rejects.toThrow(
      /^settings:set-server-url: invalid argument/,
    );
    expect(persisted().serverUrl).toBe('http://before.example.com');
  });

  it.each(['de', 'EN', '', null, 1, ['en']])('setLanguage(%j)', async (language) => {
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.setLanguage, DESK, language)).rejects.toThrow(
      /^settings:set-language: invalid argument/,
    );
    expect(persisted().language).toBeNull();
  });

  const badNotifications: unknown[] = [
    { title: 't'.repeat(201), body: 'b' },
    { title: 't', body: 'b'.repeat(1001) },
    { title: '   ', body: 'b' },
    { title: 't' },
    { title: 't', body: 'b', icon: 'file:///etc/passwd' },
    { title: 1, body: 'b' },
    { title: 't', body: 'b', tag: '' },
    { title: 't', body: 'b', tag: 'x'.repeat(101) },
    { title: 't', body: 'b', tag: 42 },
    { title: 't', body: 'b', tag: null },
    { title: 't', body: 'b', tag: ['ticket:1'] },
    'title',
    null,
  ];
  it.each(badNotifications)('showNotification(%j)', async (notification) => {
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, notification)).rejects.toThrow(
      /^notification:show: invalid argument/,
    );
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it('names the tag when it is refused', async () => {
    await expect(
      ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 't', body: 'b', tag: 'x'.repeat(101) }),
    ).rejects.toThrow(/invalid argument[\s\S]*tag/);
  });

  it.each([-1, 10_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', null, undefined])(
    'setBadgeCount(%j)',
    async (count) => {
      await expect(ipcMain.invoke(DESKTOP_CHANNELS.setBadgeCount, DESK, count)).rejects.toThrow(
        /^badge:set-count: invalid argument/,
      );
      expect(app.setBadgeCount).not.toHaveBeenCalled();
      expect(window.title).toBe('Tierdesk');
    },
  );

  it('refuses an argument to getSettings and extra arguments anywhere', async () => {
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.getSettings, DESK, 'x')).rejects.toThrow(/invalid argument/);
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.setBadgeCount, DESK, 1, 2)).rejects.toThrow(/at most one argument/);
    await expect(
      ipcMain.invoke(DESKTOP_CHANNELS.showNotification, DESK, { title: 't', body: 'b', tag: 'ticket:1' }, 'ticket:2'),
    ).rejects.toThrow(/^notification:show: expected at most one argument/);
    expect(app.setBadgeCount).not.toHaveBeenCalled();
    expect(FakeNotification.instances).toHaveLength(0);
  });

  it.each([[0], ['x'], [null], [{}], [undefined, 1]])('getIdleSeconds refuses arguments %j', async (...args) => {
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.getIdleSeconds, DESK, ...args)).rejects.toThrow(/^system:idle-seconds: /);
    expect(powerMonitor.getSystemIdleTime).not.toHaveBeenCalled();
  });
});

describe('rejects senders that are not the desk', () => {
  const goodCalls: [string, unknown][] = [
    [DESKTOP_CHANNELS.getSettings, undefined],
    [DESKTOP_CHANNELS.setServerUrl, 'https://attacker.example.com'],
    [DESKTOP_CHANNELS.setLanguage, 'pl'],
    [DESKTOP_CHANNELS.showNotification, { title: 'Phish', body: 'Click me' }],
    [DESKTOP_CHANNELS.setBadgeCount, 5],
    [DESKTOP_CHANNELS.getIdleSeconds, undefined],
  ];
  const strangers = [
    'https://evil.example.com/',
    'http://localhost:8080/',
    'file:///home/agent/page.html',
    'app://tierdesk.evil.com/index.html',
    'app://other/index.html',
    'about:blank',
  ];

  it.each(strangers)('every channel refuses %s', async (sender) => {
    for (const [channel, argument] of goodCalls) {
      await expect(ipcMain.invoke(channel, sender, argument)).rejects.toThrow(`${channel}: refused`);
    }
    expect(persisted()).toEqual({ serverUrl: 'http://localhost:8080', language: null });
    expect(FakeNotification.instances).toHaveLength(0);
    expect(app.setBadgeCount).not.toHaveBeenCalled();
    expect(powerMonitor.getSystemIdleTime).not.toHaveBeenCalled();
  });

  it('refuses a message whose frame is gone', async () => {
    await expect(ipcMain.invoke(DESKTOP_CHANNELS.setLanguage, null, 'pl')).rejects.toThrow(/sending frame is gone/);
    expect(persisted().language).toBeNull();
  });
});
