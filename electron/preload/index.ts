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

/*
 * Notification clicks: one IPC listener for the life of the page, registered now, before the page
 * runs. A click can bring up a window that had to be recreated; main sends its tag once the page
 * has loaded, but the page subscribes only later (after sign-in, when the desk is open). A tag
 * that arrives while nobody is subscribed is kept (the last one: the agent's latest click) and
 * handed to the first subscriber, once.
 */
const clickSubscriptions = new Set<(tag: string) => void>();
let unclaimedTag: string | null = null;

ipcRenderer.on(DESKTOP_EVENTS.notificationClicked, (_event: IpcRendererEvent, tag: unknown) => {
  // The IPC event (which holds ipcRenderer as `sender`) stays here; the page gets the tag alone.
  if (!isNotificationTag(tag)) return;
  if (clickSubscriptions.size === 0) {
    unclaimedTag = tag;
    return;
  }
  // A newer click supersedes one still waiting to be claimed.
  unclaimedTag = null;
  for (const subscription of [...clickSubscriptions]) subscription(tag);
});

function subscribeToClicks(listener: (tag: string) => void): () => void {
  // One wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
  const subscription = (tag: string) => listener(tag);
  clickSubscriptions.add(subscription);
  if (unclaimedTag !== null) {
    // Claimed after subscribe has returned (as a later click would arrive), by the first
    // subscription still there then: one that unsubscribed at once leaves it to the next.
    queueMicrotask(() => {
      if (unclaimedTag === null || !clickSubscriptions.has(subscription)) return;
      const tag = unclaimedTag;
      unclaimedTag = null;
      subscription(tag);
    });
  }
  return () => {
    clickSubscriptions.delete(subscription);
  };
}

const desktop = {
  getSettings: () => invoke('getSettings'),
  setServerUrl: (url) => invoke('setServerUrl', url),
  setLanguage: (language) => invoke('setLanguage', language),
  showNotification: (notification) => invoke('showNotification', notification),
  setBadgeCount: (count) => invoke('setBadgeCount', count),
  getIdleSeconds: () => invoke('getIdleSeconds'),
  onNotificationClick: subscribeToClicks,
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', desktop);
