import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emitCancellable, fakeElectron, FakeBrowserWindow, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const { createMainWindow, restorableBounds, revealWindow } = await import('./main-window');
const { openSettingsStore } = await import('./settings');

let userData: string;
const PRELOAD = '/opt/tierdesk/dist/electron/preload.cjs';

beforeEach(async () => {
  resetFakeElectron();
  userData = await mkdtemp(path.join(tmpdir(), 'tierdesk-window-'));
  fakeElectron.app.userDataPath = userData;
});

afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

function openWindow(): FakeBrowserWindow {
  createMainWindow({ preloadPath: PRELOAD, settings: openSettingsStore({ env: {} }) });
  expect(FakeBrowserWindow.instances).toHaveLength(1);
  return FakeBrowserWindow.instances[0]!;
}

describe('createMainWindow', () => {
  it('creates a sandboxed, isolated window with the bundled preload', () => {
    const { webPreferences } = openWindow().options;
    expect(webPreferences).toMatchObject({
      preload: PRELOAD,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the desk from app://tierdesk and shows it only when ready to paint', () => {
    const window = openWindow();
    expect(window.loadedUrl).toBe('app://tierdesk/index.html');
    expect(window.options.show).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('saves its bounds on close and restores them next time', () => {
    const first = openWindow();
    first.bounds = { x: 40, y: 50, width: 1100, height: 750 };
    first.maximized = true;
    // Saving must not veto the close.
    expect(emitCancellable(first, 'close')).toBe(false);

    FakeBrowserWindow.instances = [];
    const second = openWindow();
    expect(second.options).toMatchObject({ x: 40, y: 50, width: 1100, height: 750 });
    expect(second.maximized).toBe(true);
  });

  it('opens with the saved size but OS placement when the saved spot is off every display', () => {
    const first = openWindow();
    first.bounds = { x: 3000, y: 200, width: 1100, height: 750 };
    first.emit('close', { preventDefault: () => {} });

    FakeBrowserWindow.instances = [];
    const second = openWindow();
    expect(second.options.width).toBe(1100);
    expect(second.options.x).toBeUndefined();
    expect(second.options.y).toBeUndefined();
  });
});

describe('restorableBounds', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1040 }];
  const saved = { x: 100, y: 100, width: 1000, height: 700, maximized: false };

  it('defaults to 1280x800 without saved bounds', () => {
    expect(restorableBounds(null, screen)).toEqual({ width: 1280, height: 800 });
  });

  it('keeps the position when the window overlaps a display, including a second one', () => {
    expect(restorableBounds(saved, screen)).toEqual({ x: 100, y: 100, width: 1000, height: 700 });
    const onSecond = { ...saved, x: 2000 };
    expect(restorableBounds(onSecond, [...screen, { x: 1920, y: 0, width: 1920, height: 1080 }])).toMatchObject({ x: 2000 });
  });

  it('drops the position when no display shows any of the window', () => {
    expect(restorableBounds({ ...saved, x: -1200 }, screen)).toEqual({ width: 1000, height: 700 });
  });
});

describe('revealWindow', () => {
  it('restores a minimized window and focuses it', () => {
    const window = new FakeBrowserWindow({});
    window.minimize();
    revealWindow(window as unknown as BrowserWindow);
    expect(window.minimized).toBe(false);
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
  });

  it('leaves a destroyed window alone', () => {
    const window = new FakeBrowserWindow({});
    window.destroyed = true;
    revealWindow(window as unknown as BrowserWindow);
    expect(window.focused).toBe(false);
  });
});
