import type { DesktopApi } from '../../core';

/** The preload's API when running inside Electron; undefined in a browser. */
export function desktopBridge(win: Window = window): DesktopApi | undefined {
  return (win as Window & { desktop?: DesktopApi }).desktop;
}
