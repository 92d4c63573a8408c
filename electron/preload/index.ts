import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { DESKTOP_CHANNELS, DESKTOP_EVENTS, NOTIFICATION_TAG_MAX, type DesktopApi } from '../../core/desktop-api';

/*
 * Runs sandboxed, before the page. It may only require('electron'), so build/bundle-electron.ts
 * bundles it (and the channel constants) into one CommonJS file. The page gets plain functions
 * over fixed channels; ipcRenderer itself never crosses the bridge, so the page cannot reach any
 * other channel. Main validates the sender and every argument again: this file is a convenience,
 * not a security boundary.
 */

type InvokeMethod = keyof typeof DESKTOP_CHANNELS;

function invoke<M extends InvokeMethod>(method: M, ...args: Parameters<DesktopApi[M]>): ReturnType<DesktopApi[M]> {
  return ipcRenderer.invoke(DESKTOP_CHANNELS[method], ...args) as ReturnType<DesktopApi[M]>;
}

function isNotificationTag(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= NOTIFICATION_TAG_MAX;
}

const desktop = {
  getSettings: () => invoke('getSettings'),
  setServerUrl: (url) => invoke('setServerUrl', url),
  setLanguage: (language) => invoke('setLanguage', language),
  showNotification: (notification) => invoke('showNotification', notification),
  setBadgeCount: (count) => invoke('setBadgeCount', count),
  getIdleSeconds: () => invoke('getIdleSeconds'),
  onNotificationClick: (listener) => {
    // The IPC event (which holds ipcRenderer as `sender`) stays here; the page gets the tag alone.
    const relay = (_event: IpcRendererEvent, tag: unknown) => {
      if (isNotificationTag(tag)) listener(tag);
    };
    ipcRenderer.on(DESKTOP_EVENTS.notificationClicked, relay);
    return () => {
      ipcRenderer.removeListener(DESKTOP_EVENTS.notificationClicked, relay);
    };
  },
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', desktop);
