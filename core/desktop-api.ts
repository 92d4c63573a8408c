/**
 * The typed API the Electron preload exposes as `window.desktop`. One method per message; the
 * main process validates every argument (a bad one rejects the promise and changes nothing).
 * The browser build has no `window.desktop`; renderer/platform hides the difference.
 */
export const DESKTOP_CHANNELS = {
  getSettings: 'settings:get',
  setServerUrl: 'settings:set-server-url',
  setLanguage: 'settings:set-language',
  showNotification: 'notification:show',
  setBadgeCount: 'badge:set-count',
} as const;

export const LANGUAGES = ['en', 'ru', 'pl'] as const;
export type Language = (typeof LANGUAGES)[number];

export type DesktopSettings = {
  serverUrl: string;
  language: Language | null;
};

export type DesktopApi = {
  getSettings(): Promise<DesktopSettings>;
  /** http(s) URL of the Tierdesk server; anything else is refused. */
  setServerUrl(url: string): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  /** A native notification; resolves when shown. */
  showNotification(notification: { title: string; body: string }): Promise<void>;
  /** Tray/dock badge: unacknowledged count, 0 clears it. */
  setBadgeCount(count: number): Promise<void>;
};
