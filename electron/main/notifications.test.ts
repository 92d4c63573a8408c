import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeNotification, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const { createNotifier } = await import('./notifications');
const { revealWindow } = await import('./main-window');

beforeEach(() => resetFakeElectron());

describe('notifier', () => {
  it('shows a native notification with the title and body', () => {
    createNotifier({ revealDesk: () => {} }).show({ title: 'Ticket #42 assigned', body: 'Printer on fire' });
    expect(FakeNotification.instances).toHaveLength(1);
    const [notification] = FakeNotification.instances;
    expect(notification!.options).toEqual({ title: 'Ticket #42 assigned', body: 'Printer on fire' });
    expect(notification!.shown).toBe(true);
  });

  it('brings a minimized desk window back when clicked', () => {
    const window = new FakeBrowserWindow({});
    window.minimize();
    createNotifier({ revealDesk: () => revealWindow(window as unknown as BrowserWindow) }).show({ title: 't', body: 'b' });

    FakeNotification.instances[0]!.emit('click');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('does nothing, without throwing, where the system has no notifications', () => {
    FakeNotification.supported = false;
    expect(() => createNotifier({ revealDesk: () => {} }).show({ title: 't', body: 'b' })).not.toThrow();
    expect(FakeNotification.instances).toHaveLength(0);
  });
});
