import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_EVENTS } from '../../core/desktop-api';
import { FakeBrowserWindow, FakeNotification, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const { createNotifier } = await import('./notifications');
const { revealWindow } = await import('./main-window');

beforeEach(() => resetFakeElectron());

const asWindow = (window: FakeBrowserWindow) => window as unknown as BrowserWindow;

/** A desk window whose page has loaded, and a notifier wired to it the way index.ts wires the real one. */
function loadedDesk() {
  const window = new FakeBrowserWindow({ title: 'Tierdesk' });
  void window.loadURL('app://tierdesk/index.html');
  window.webContents.finishLoad();
  const notifier = createNotifier({ revealDesk: () => revealWindow(asWindow(window)), getWindow: () => asWindow(window) });
  return { window, notifier };
}

function clickOnly(): void {
  expect(FakeNotification.instances).toHaveLength(1);
  FakeNotification.instances[0]!.emit('click');
}

describe('notifier', () => {
  it('shows a silent native notification with the title and body', () => {
    createNotifier({ revealDesk: () => {}, getWindow: () => null }).show({
      title: 'Ticket #42 assigned',
      body: 'Printer on fire',
      tag: 'ticket:42',
    });
    expect(FakeNotification.instances).toHaveLength(1);
    const [notification] = FakeNotification.instances;
    // silent: the console plays its own, settable sound; the tag is not something the OS shows.
    expect(notification!.options).toStrictEqual({ title: 'Ticket #42 assigned', body: 'Printer on fire', silent: true });
    expect(notification!.shown).toBe(true);
  });

  it('brings a minimized desk window back when clicked', () => {
    const { window, notifier } = loadedDesk();
    window.minimize();
    notifier.show({ title: 't', body: 'b' });

    clickOnly();
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('hands the tag to the page after the window came forward', () => {
    const window = new FakeBrowserWindow({ title: 'Tierdesk' });
    window.minimize();
    const sentWhenRevealed: unknown[] = [];
    createNotifier({
      revealDesk: () => {
        sentWhenRevealed.push(...window.webContents.sent);
        revealWindow(asWindow(window));
      },
      getWindow: () => asWindow(window),
    }).show({ title: 'Ticket #42 assigned', body: 'Printer on fire', tag: 'ticket:42' });

    clickOnly();
    expect(sentWhenRevealed).toEqual([]);
    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toEqual([[DESKTOP_EVENTS.notificationClicked, 'ticket:42']]);
  });

  it('sends nothing to the page for a notification without a tag', () => {
    const { window, notifier } = loadedDesk();
    notifier.show({ title: 't', body: 'b' });
    clickOnly();
    expect(window.focused).toBe(true);
    expect(window.webContents.sent).toEqual([]);
  });

  it('waits for a recreated window to load its page before sending the tag, and sends it once', () => {
    // macOS: the agent closed the window, the app kept running; revealDesk opens a new one.
    let window: FakeBrowserWindow | null = null;
    createNotifier({
      revealDesk: () => {
        window = new FakeBrowserWindow({ title: 'Tierdesk' });
        void window.loadURL('app://tierdesk/index.html');
      },
      getWindow: () => (window === null ? null : asWindow(window)),
    }).show({ title: 'Ticket #7 assigned', body: 'VPN down', tag: 'ticket:7' });

    clickOnly();
    const reopened = FakeBrowserWindow.instances[0]!;
    expect(reopened.webContents.sent).toEqual([]);
    reopened.webContents.finishLoad();
    expect(reopened.webContents.sent).toEqual([[DESKTOP_EVENTS.notificationClicked, 'ticket:7']]);
    reopened.webContents.finishLoad(); // a later reload must not replay the click
    expect(reopened.webContents.sent).toHaveLength(1);
  });

  it('drops the tag, without throwing, when the window closes before its page loaded or is gone', () => {
    const loading = new FakeBrowserWindow({ title: 'Tierdesk' });
    void loading.loadURL('app://tierdesk/index.html');
    createNotifier({ revealDesk: () => {}, getWindow: () => asWindow(loading) }).show({ title: 't', body: 'b', tag: 'ticket:1' });
    clickOnly();
    loading.destroy();
    expect(() => loading.webContents.finishLoad()).not.toThrow();
    expect(loading.webContents.sent).toEqual([]);

    FakeNotification.instances = [];
    const notifier = createNotifier({ revealDesk: () => {}, getWindow: () => null });
    notifier.show({ title: 't', body: 'b', tag: 'ticket:2' });
    expect(() => FakeNotification.instances[0]!.emit('click')).not.toThrow();
  });

  it('does nothing, without throwing, where the system has no notifications', () => {
    FakeNotification.supported = false;
    const { window, notifier } = loadedDesk();
    expect(() => notifier.show({ title: 't', body: 'b', tag: 'ticket:3' })).not.toThrow();
    expect(FakeNotification.instances).toHaveLength(0);
    expect(window.webContents.sent).toEqual([]);
  });
});
