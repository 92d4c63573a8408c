import { describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../../core';
import { createElectronPlatform } from './electron';

/** window.desktop as the preload exposes it, every method recorded. */
function fakeDesktop() {
  const unsubscribe = vi.fn();
  const desktop = {
    getSettings: vi.fn(async () => ({ serverUrl: 'https://desk.example.com/', language: null })),
    setServerUrl: vi.fn(async (_url: string) => {}),
    setLanguage: vi.fn(async () => {}),
    showNotification: vi.fn(async (_notification: { title: string; body: string; tag?: string }) => {}),
    setBadgeCount: vi.fn(async (_count: number) => {}),
    getIdleSeconds: vi.fn(async () => 240),
    onNotificationClick: vi.fn((_listener: (tag: string) => void) => unsubscribe),
  } satisfies DesktopApi;
  const storage = { getItem: () => null, setItem: () => {}, removeItem: () => {} } as unknown as Storage;
  return { desktop, unsubscribe, platform: createElectronPlatform(desktop, storage) };
}

describe('electron platform', () => {
  it('notify passes title, body and tag to the native notification', async () => {
    const { desktop, platform } = fakeDesktop();
    await platform.notify({ title: 'Ticket #42 assigned', body: 'Printer on fire', tag: 'ticket:42' });
    expect(desktop.showNotification.mock.calls).toEqual([[{ title: 'Ticket #42 assigned', body: 'Printer on fire', tag: 'ticket:42' }]]);
  });

  it('notify without a tag sends only title and body (main refuses unknown fields)', async () => {
    const { desktop, platform } = fakeDesktop();
    const withExtra = { title: 'Escalated', body: 'L2', sound: 'ding' };
    await platform.notify(withExtra);
    const [[sent]] = desktop.showNotification.mock.calls as [[object]];
    expect(Object.keys(sent)).toEqual(['title', 'body']);
    expect(sent).toEqual({ title: 'Escalated', body: 'L2' });
  });

  it('passes main’s refusal of a notification through', async () => {
    const { desktop, platform } = fakeDesktop();
    desktop.showNotification.mockRejectedValueOnce(new Error('notification:show: invalid argument'));
    await expect(platform.notify({ title: 't', body: 'b', tag: '' })).rejects.toThrow('notification:show: invalid argument');
  });

  it('onNotificationClick subscribes through window.desktop and returns its unsubscribe', () => {
    const { desktop, unsubscribe, platform } = fakeDesktop();
    const listener = vi.fn();
    const returned = platform.onNotificationClick(listener);
    expect(desktop.onNotificationClick).toHaveBeenCalledOnce();

    // What the preload does on a click: the listener handed over must be the one that gets the tag.
    desktop.onNotificationClick.mock.calls[0]![0]('ticket:7');
    expect(listener).toHaveBeenCalledWith('ticket:7');

    returned();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('idleSeconds is the system idle time from the main process', async () => {
    const { desktop, platform } = fakeDesktop();
    await expect(platform.idleSeconds()).resolves.toBe(240);
    expect(desktop.getIdleSeconds).toHaveBeenCalledOnce();
  });
});
