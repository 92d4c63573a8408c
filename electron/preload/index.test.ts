import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS, DESKTOP_EVENTS, type DesktopApi } from '../../core/desktop-api';
import { fakeElectron, resetFakeElectron } from '../main/testing/fake-electron';

vi.mock('electron', async () => (await import('../main/testing/fake-electron')).fakeElectronModule);

let exposedKey: unknown;
let desktop: DesktopApi;

beforeAll(async () => {
  resetFakeElectron();
  await import('./index');
  expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
  const [key, api] = fakeElectron.contextBridge.exposeInMainWorld.mock.calls[0]!;
  exposedKey = key;
  desktop = api as DesktopApi;
});

describe('preload', () => {
  it('exposes exactly one function per desktop channel, plus the click subscription, as window.desktop', () => {
    expect(exposedKey).toBe('desktop');
    expect(Object.keys(desktop).sort()).toEqual([...Object.keys(DESKTOP_CHANNELS), 'onNotificationClick'].sort());
    for (const value of Object.values(desktop)) expect(typeof value).toBe('function');
  });

  it('never hands the page ipcRenderer or a generic invoke/send', () => {
    const exposed = Object.values(desktop) as unknown[];
    expect(exposed).not.toContain(fakeElectron.ipcRenderer);
    expect(exposed).not.toContain(fakeElectron.ipcRenderer.invoke);
    expect(desktop).not.toHaveProperty('invoke');
    expect(desktop).not.toHaveProperty('send');
    expect(desktop).not.toHaveProperty('ipcRenderer');
  });

  it('sends each method on its own channel with its argument and returns main’s answer', async () => {
    const settings = { serverUrl: 'http://localhost:8080', language: null };
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce(settings);
    await expect(desktop.getSettings()).resolves.toEqual(settings);
    await desktop.setServerUrl('https://desk.example.com');
    await desktop.setLanguage('pl');
    await desktop.showNotification({ title: 'New ticket', body: 'Printer' });
    await desktop.showNotification({ title: 'Ticket #9 assigned', body: 'VPN', tag: 'ticket:9' });
    await desktop.setBadgeCount(4);
    fakeElectron.ipcRenderer.invoke.mockResolvedValueOnce(42);
    await expect(desktop.getIdleSeconds()).resolves.toBe(42);
    expect(fakeElectron.ipcRenderer.invoke.mock.calls).toEqual([
      [DESKTOP_CHANNELS.getSettings],
      [DESKTOP_CHANNELS.setServerUrl, 'https://desk.example.com'],
      [DESKTOP_CHANNELS.setLanguage, 'pl'],
      [DESKTOP_CHANNELS.showNotification, { title: 'New ticket', body: 'Printer' }],
      [DESKTOP_CHANNELS.showNotification, { title: 'Ticket #9 assigned', body: 'VPN', tag: 'ticket:9' }],
      [DESKTOP_CHANNELS.setBadgeCount, 4],
      [DESKTOP_CHANNELS.getIdleSeconds],
    ]);
  });

  it('passes main’s refusal through as a rejected promise', async () => {
    fakeElectron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('badge:set-count: invalid argument'));
    await expect(desktop.setBadgeCount(-1)).rejects.toThrow('badge:set-count: invalid argument');
  });
});

describe('preload onNotificationClick', () => {
  const { ipcRenderer } = fakeElectron;
  const CLICKED = DESKTOP_EVENTS.notificationClicked;
  const unsubscribes: (() => void)[] = [];
  const subscribe = (listener: (tag: string) => void) => {
    const unsubscribe = desktop.onNotificationClick(listener);
    unsubscribes.push(unsubscribe);
    return unsubscribe;
  };

  afterEach(() => {
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    // The preload's own listener, for the life of the page; subscriptions add none.
    expect(ipcRenderer.listenerCount(CLICKED)).toBe(1);
  });

  it('listens from load, before the page subscribes, with one IPC listener however many subscribe', () => {
    expect(ipcRenderer.on.mock.calls.map(([channel]) => channel)).toEqual([CLICKED]);
    subscribe(vi.fn());
    subscribe(vi.fn());
    expect(ipcRenderer.listenerCount(CLICKED)).toBe(1);
  });

  it('calls the listener with the tag alone, never with the IPC event (which holds ipcRenderer)', () => {
    const listener = vi.fn();
    subscribe(listener);

    ipcRenderer.receiveFromMain(CLICKED, 'ticket:42');
    expect(listener.mock.calls).toEqual([['ticket:42']]);
  });

  it('keeps the last click that came while nobody listened (a recreated window) for the first subscriber, once', async () => {
    ipcRenderer.receiveFromMain(CLICKED, 'ticket:1');
    ipcRenderer.receiveFromMain(CLICKED, 'ticket:2');
    ipcRenderer.receiveFromMain(CLICKED, '');

    const first = vi.fn();
    subscribe(first);
    const second = vi.fn();
    subscribe(second);
    await Promise.resolve();
    expect(first.mock.calls).toEqual([['ticket:2']]);
    expect(second).not.toHaveBeenCalled();

    // Delivered once: a later page subscription (another mount) does not get it again.
    for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
    const later = vi.fn();
    subscribe(later);
    await Promise.resolve();
    expect(later).not.toHaveBeenCalled();
  });

  it('keeps the click for the next subscriber when the first one unsubscribed before it was delivered', async () => {
    ipcRenderer.receiveFromMain(CLICKED, 'ticket:3');
    const gone = vi.fn();
    subscribe(gone)();
    const next = vi.fn();
    subscribe(next);
    await Promise.resolve();
    await Promise.resolve();
    expect(gone).not.toHaveBeenCalled();
    expect(next.mock.calls).toEqual([['ticket:3']]);
  });

  it('listens on that one channel only', () => {
    const listener = vi.fn();
    subscribe(listener);
    ipcRenderer.receiveFromMain('notification:show', 'ticket:1');
    ipcRenderer.receiveFromMain('some:other-channel', 'ticket:1');
    expect(listener).not.toHaveBeenCalled();
  });

  it.each([[''], ['x'.repeat(101)], [42], [null], [undefined], [{ tag: 'ticket:1' }], [['ticket:1']]])(
    'ignores a tag that is not a string of valid length: %j',
    (tag) => {
      const listener = vi.fn();
      subscribe(listener);
      ipcRenderer.receiveFromMain(CLICKED, tag);
      expect(listener).not.toHaveBeenCalled();
    },
  );

  it('passes a tag of exactly the maximum length', () => {
    const listener = vi.fn();
    subscribe(listener);
    ipcRenderer.receiveFromMain(CLICKED, 'x'.repeat(100));
    expect(listener).toHaveBeenCalledWith('x'.repeat(100));
  });

  it('unsubscribe removes exactly that listener, once', () => {
    const kept = vi.fn();
    const removed = vi.fn();
    subscribe(kept);
    const unsubscribe = subscribe(removed);
    // The same function subscribed twice is two subscriptions: removing one keeps the other.
    subscribe(kept);

    unsubscribe();
    unsubscribe();
    ipcRenderer.receiveFromMain(CLICKED, 'ticket:5');
    expect(removed).not.toHaveBeenCalled();
    expect(kept.mock.calls).toEqual([['ticket:5'], ['ticket:5']]);
  });
});
