import { app, nativeImage, Tray, type BrowserWindow } from 'electron';
import { WINDOW_TITLE } from './main-window';

/** A 32x32 "T" on teal, inline so the tray needs no file in the package and nothing to download. */
const TRAY_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAATElEQVR42mNgGAVogL8s7z8t8YBajtcR9LIcpyNGHYBLIaVg1AFD3wHEOozuuWDUAaMOGHXAqANGHTDqgAF3wGijdEj3DQZv12xEAgD3R9LT2WyvoAAAAABJRU5ErkJggg==';

/** "Tierdesk (3)" with unacknowledged items, the plain title without. */
export function formatWindowTitle(baseTitle: string, count: number): string {
  return count > 0 ? `${baseTitle} (${count})` : baseTitle;
}

export function formatTrayTooltip(count: number): string {
  if (count === 0) return WINDOW_TITLE;
  return `${WINDOW_TITLE}: ${count} unacknowledged`;
}

export type BadgeIndicator = {
  /** Shows the count on the dock/launcher badge (macOS, Linux Unity), the tray and the window title; 0 clears it. */
  setCount(count: number): void;
  /** Keeps a (re)created window's title in step with the count. */
  attachWindow(window: BrowserWindow): void;
};

export type BadgeIndicatorOptions = {
  getWindow: () => BrowserWindow | null;
  onTrayClick: () => void;
  platform?: NodeJS.Platform;
};

/**
 * The unacknowledged-count indicator. Windows has no numeric app badge, so there the tray tooltip
 * and window title carry the count alone. Call after 'ready' (the tray needs it).
 */
export function createBadgeIndicator(options: BadgeIndicatorOptions): BadgeIndicator {
  const platform = options.platform ?? process.platform;
  const badgeSupported = platform === 'darwin' || platform === 'linux';
  const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL));
  tray.setToolTip(formatTrayTooltip(0));
  tray.on('click', options.onTrayClick);

  let count = 0;
  // The page sets document.title freely; remember it so the "(N)" suffix survives title changes.
  const baseTitles = new WeakMap<BrowserWindow, string>();

  const applyTitle = (window: BrowserWindow) => {
    if (window.isDestroyed()) return;
    window.setTitle(formatWindowTitle(baseTitles.get(window) ?? WINDOW_TITLE, count));
  };

  return {
    setCount(next) {
      count = next;
      if (badgeSupported) app.setBadgeCount(count);
      tray.setToolTip(formatTrayTooltip(count));
      // setTitle shows text next to the icon on macOS only; elsewhere it is a harmless no-op.
      tray.setTitle(count > 0 ? String(count) : '');
      const window = options.getWindow();
      if (window !== null) applyTitle(window);
    },
    attachWindow(window) {
      baseTitles.set(window, WINDOW_TITLE);
      window.on('page-title-updated', (event, title) => {
        event.preventDefault();
        baseTitles.set(window, title || WINDOW_TITLE);
        applyTitle(window);
      });
      applyTitle(window);
    },
  };
}
