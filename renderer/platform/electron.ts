import type { DesktopApi, Language } from '../../core';
import type { Platform } from './platform';
import { readStoredSession, removeStoredSession, writeStoredSession } from './stored-session';

/**
 * The console inside the Electron shell: the server address and language are settings kept by the
 * main process (window.desktop), notifications, the tray badge and system idle time are native.
 * The page is loaded from the app bundle, so location.origin says nothing about the server.
 */
export function createElectronPlatform(desktop: DesktopApi, storage: Storage = window.localStorage): Platform {
  return {
    kind: 'electron',
    serverUrl: async () => (await desktop.getSettings()).serverUrl.replace(/\/+$/, ''),
    setServerUrl: (url: string) => desktop.setServerUrl(url.trim()),
    loadLanguage: async () => (await desktop.getSettings()).language,
    saveLanguage: (language: Language) => desktop.setLanguage(language),
    loadSession: async () => readStoredSession(storage),
    saveSession: async (session) => writeStoredSession(storage, session),
    clearSession: async () => removeStoredSession(storage),
    // Rebuilt field by field: main refuses any property it does not know.
    notify: ({ title, body, tag }) => desktop.showNotification(tag === undefined ? { title, body } : { title, body, tag }),
    onNotificationClick: (listener) => desktop.onNotificationClick(listener),
    idleSeconds: () => desktop.getIdleSeconds(),
    setBadgeCount: (count) => desktop.setBadgeCount(count),
  };
}
