import { createBrowserPlatform } from './browser';
import { desktopBridge } from './desktop-bridge';
import { createElectronPlatform } from './electron';
import type { Platform } from './platform';

export type { Platform, PlatformNotification, StoredSession } from './platform';

/** Electron's preload defines window.desktop; everything else is a browser. */
export function detectPlatform(win: Window = window): Platform {
  const desktop = desktopBridge(win);
  return desktop ? createElectronPlatform(desktop, win.localStorage) : createBrowserPlatform(win);
}
