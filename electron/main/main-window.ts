import { BrowserWindow, screen, type Rectangle, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import type { SettingsStore, WindowBounds } from './settings';

export const WINDOW_TITLE = 'Tierdesk';
const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
const MIN_SIZE = { width: 800, height: 560 } as const;

/** Every flag here is load-bearing: the renderer shows customer-supplied text and must stay a plain web page. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
  };
}

/**
 * Where to open the window: the saved bounds if they still overlap a display, otherwise the saved
 * size centred by the OS (a monitor that was unplugged must not leave the desk off-screen).
 */
export function restorableBounds(saved: WindowBounds | null, workAreas: readonly Rectangle[]): Partial<Rectangle> {
  if (saved === null) return { ...DEFAULT_SIZE };
  const size = { width: saved.width, height: saved.height };
  const visible = workAreas.some(
    (area) =>
      saved.x < area.x + area.width &&
      saved.x + saved.width > area.x &&
      saved.y < area.y + area.height &&
      saved.y + saved.height > area.y,
  );
  return visible ? { ...size, x: saved.x, y: saved.y } : size;
}

export type MainWindowOptions = {
  preloadPath: string;
  settings: SettingsStore;
};

/**
 * Creates the desk window with the saved bounds, loads app://tierdesk and saves the bounds when the
 * window closes. Shown once the first paint is ready, so the agent never sees a blank frame.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = options.settings.readWindowBounds();
  const window = new BrowserWindow({
    ...restorableBounds(saved, screen.getAllDisplays().map((display) => display.workArea)),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: WINDOW_TITLE,
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  if (saved?.maximized) window.maximize();

  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    // Normal bounds, not current ones: a maximized window must come back to its old size when un-maximized.
    const bounds = window.getNormalBounds();
    try {
      options.settings.saveWindowBounds({ ...bounds, maximized: window.isMaximized() });
    } catch (error) {
      // Odd bounds from the OS must never block closing; the next start falls back to the default size.
      console.warn('Window bounds not saved:', error);
    }
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`Could not load ${APP_ENTRY_URL} (was the renderer built with npm run build:renderer?)`, error);
  });
  return window;
}

/** Brings the desk to the front: used by the second instance, notification clicks and the tray. */
export function revealWindow(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
