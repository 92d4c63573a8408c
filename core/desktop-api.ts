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
  /**
   * http(s) URL of the Tierdesk server; anything else is refused. The page's Content-Security-Policy
   * admits only the server configured when the page loaded: reload the page after a change.
   */
  setServerUrl(url: string): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  /**
   * A native notification (title 1..200 chars, body up to 1000; longer is refused, so truncate).
   * Resolves when shown, or at once without showing where the system has no notifications.
   */
  showNotification(notification: { title: string; body: string }): Promise<void>;
  /** Tray/dock badge and window title: unacknowledged count, an integer 0..9999; 0 clears it. */
  setBadgeCount(count: number): Promise<void>;
};
