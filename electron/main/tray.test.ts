import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emitCancellable, fakeElectron, FakeBrowserWindow, FakeTray, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const { createBadgeIndicator, formatWindowTitle } = await import('./tray');

beforeEach(() => resetFakeElectron());

function setUp(platform: NodeJS.Platform) {
  const window = new FakeBrowserWindow({ title: 'Tierdesk' });
  const onTrayClick = vi.fn();
  const badge = createBadgeIndicator({
    getWindow: () => window as unknown as BrowserWindow,
    onTrayClick,
    platform,
  });
  badge.attachWindow(window as unknown as BrowserWindow);
  expect(FakeTray.instances).toHaveLength(1);
  return { badge, window, tray: FakeTray.instances[0]!, onTrayClick };
}

describe('badge indicator', () => {
  it.each(['linux', 'darwin'] as const)('%s: shows the count on the app badge, tray and window title, and clears it at 0', (platform) => {
    const { badge, window, tray } = setUp(platform);
    expect(tray.toolTip).toBe('Tierdesk');

    badge.setCount(3);
    expect(fakeElectron.app.setBadgeCount).toHaveBeenLastCalledWith(3);
    expect(tray.toolTip).toBe('Tierdesk: 3 unacknowledged');
    expect(tray.title).toBe('3');
    expect(window.title).toBe('Tierdesk (3)');

    badge.setCount(0);
    expect(fakeElectron.app.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(tray.toolTip).toBe('Tierdesk');
    expect(tray.title).toBe('');
    expect(window.title).toBe('Tierdesk');
  });

  it('skips the app badge on Windows but still shows the count in tray and title', () => {
    const { badge, window, tray } = setUp('win32');
    badge.setCount(7);
    expect(fakeElectron.app.setBadgeCount).not.toHaveBeenCalled();
    expect(tray.toolTip).toBe('Tierdesk: 7 unacknowledged');
    expect(window.title).toBe('Tierdesk (7)');
  });

  it('keeps the count suffix when the page changes its title', () => {
    const { badge, window } = setUp('darwin');
    badge.setCount(2);
    const prevented = emitCancellable(window, 'page-title-updated', 'Ticket #42 – Tierdesk', true);
    expect(prevented).toBe(true);
    expect(window.title).toBe('Ticket #42 – Tierdesk (2)');
    badge.setCount(0);
    expect(window.title).toBe('Ticket #42 – Tierdesk');
  });

  it('gives a newly attached window the current count', () => {
    const { badge } = setUp('linux');
    badge.setCount(5);
    const reopened = new FakeBrowserWindow({ title: 'Tierdesk' });
    badge.attachWindow(reopened as unknown as BrowserWindow);
    expect(reopened.title).toBe('Tierdesk (5)');
  });

  it('brings the desk forward when the tray icon is clicked', () => {
    const { tray, onTrayClick } = setUp('linux');
    tray.emit('click');
    expect(onTrayClick).toHaveBeenCalledOnce();
  });

  it('formats the title suffix', () => {
    expect(formatWindowTitle('Tierdesk', 0)).toBe('Tierdesk');
    expect(formatWindowTitle('Tierdesk', 9999)).toBe('Tierdesk (9999)');
  });
});
