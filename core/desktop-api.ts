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
  getIdleSeconds: 'system:idle-seconds',
} as const;

/** Main → renderer messages (the renderer only listens; main sends a validated, fixed shape). */
export const DESKTOP_EVENTS = {
  /** A notification was clicked: its tag (what to open), after the window was brought forward. */
  notificationClicked: 'notification:clicked',
} as const;

/** A notification's tag: what the console opens when it is clicked ("ticket:<id>"). */
export const NOTIFICATION_TAG_MAX = 100;

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
   * Clicking it brings the window forward and, when `tag` is given (up to 100 chars), tells the
   * page through onNotificationClick. Shown silent: the console plays its own, settable sound.
   */
  showNotification(notification: { title: string; body: string; tag?: string }): Promise<void>;
  /** Tray/dock badge and window title: unacknowledged count, an integer 0..9999; 0 clears it. */
  setBadgeCount(count: number): Promise<void>;
  /** Seconds since the last keyboard or mouse input anywhere on the system (not just this window). */
  getIdleSeconds(): Promise<number>;
  /** Calls `listener` with the tag of each clicked notification; returns the unsubscribe function. */
  onNotificationClick(listener: (tag: string) => void): () => void;
};
