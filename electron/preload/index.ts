import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_CHANNELS, type DesktopApi } from '../../core/desktop-api';

/*
 * Runs sandboxed, before the page. It may only require('electron'), so build/bundle-electron.ts
 * bundles it (and the channel constants) into one CommonJS file. The page gets plain functions
 * over fixed channels; ipcRenderer itself never crosses the bridge, so the page cannot reach any
 * other channel. Main validates the sender and every argument again: this file is a convenience,
 * not a security boundary.
 */

function invoke<M extends keyof DesktopApi>(method: M, ...args: Parameters<DesktopApi[M]>): ReturnType<DesktopApi[M]> {
  return ipcRenderer.invoke(DESKTOP_CHANNELS[method], ...args) as ReturnType<DesktopApi[M]>;
}

const desktop = {
  getSettings: () => invoke('getSettings'),
  setServerUrl: (url) => invoke('setServerUrl', url),
  setLanguage: (language) => invoke('setLanguage', language),
  showNotification: (notification) => invoke('showNotification', notification),
  setBadgeCount: (count) => invoke('setBadgeCount', count),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', desktop);
