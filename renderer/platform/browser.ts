import type { Language } from '../../core';
import { isLanguage } from '../i18n/i18n';
import type { Platform } from './platform';
import { readStoredSession, removeStoredSession, writeStoredSession } from './stored-session';

const LANGUAGE_KEY = 'tierdesk.language';

/**
 * The console served by the Tierdesk server to a browser or phone: the server is the page's own
 * origin, settings live in localStorage, notifications use the Web Notifications API when the
 * agent allowed them, and the badge uses the Badging API where it exists, else the page title.
 * A browser cannot see input outside its page, so idleSeconds is always null.
 */
export function createBrowserPlatform(win: Window = window): Platform {
  const storage = win.localStorage;
  const baseTitle = win.document.title;
  // Absent on some phones (iOS Safari outside an installed web app).
  const notifications = (win as Window & { Notification?: typeof Notification }).Notification;
  // One wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
  const clickListeners = new Set<(tag: string) => void>();

  return {
    kind: 'browser',
    serverUrl: async () => win.location.origin,
    loadLanguage: async () => {
      const stored = storage.getItem(LANGUAGE_KEY);
      return isLanguage(stored) ? stored : null;
    },
    saveLanguage: async (language: Language) => storage.setItem(LANGUAGE_KEY, language),
    loadSession: async () => readStoredSession(storage),
    saveSession: async (session) => writeStoredSession(storage, session),
    clearSession: async () => removeStoredSession(storage),
    notify: async ({ title, body, tag }) => {
      if (notifications?.permission !== 'granted') return;
      let notification: Notification;
      try {
        // The tag also makes the browser replace an older notification about the same ticket.
        // renotify: a reminder with the same tag replaces the earlier one and must still pop up.
        // silent: the console plays its own, settable tone (and none in quiet hours); the system
        // sound would ring regardless.
        notification = new notifications(title, { body, tag, silent: true, ...(tag ? { renotify: true } : {}) } as NotificationOptions);
      } catch {
        // Chrome on Android throws here ("use ServiceWorkerRegistration.showNotification"): unsupported.
        return;
      }
      notification.onclick = () => {
        win.focus();
        notification.close();
        if (tag === undefined) return;
        for (const listener of [...clickListeners]) listener(tag);
      };
    },
    onNotificationClick: (listener) => {
      const subscription = (tag: string) => listener(tag);
      clickListeners.add(subscription);
      return () => {
        clickListeners.delete(subscription);
      };
    },
    idleSeconds: async () => null,
    setBadgeCount: async (count) => {
      win.document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
      const badging = win.navigator as Navigator & { setAppBadge?: (count: number) => Promise<void> };
      // An installed PWA shows the count on its icon; elsewhere setAppBadge is absent or rejects.
      await badging.setAppBadge?.(count).catch(() => undefined);
    },
    requestNotificationPermission: async () => {
      if (notifications?.permission === 'default') {
        await notifications.requestPermission().catch(() => undefined);
      }
    },
  };
}
