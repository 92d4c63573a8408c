import type { Language } from '../../core';
import type { SessionAgent } from '../sync/desk-session';

/** What survives a reload so that a signed-in agent reopens the desk without the server (offline). */
export type StoredSession = { token: string; agent: SessionAgent };

/** `tag` names what a click opens ("ticket:<id>"); clicks come back through onNotificationClick. */
export type PlatformNotification = { title: string; body: string; tag?: string };

/**
 * The shell the console runs in: Electron (window.desktop) or a plain browser/phone. Everything
 * native sits behind this interface so that features never test which shell they are in.
 * Methods never throw for "not supported": notify and setBadgeCount quietly do nothing then.
 */
export interface Platform {
  readonly kind: 'browser' | 'electron';
  /** Base URL of the Tierdesk server (no trailing slash). */
  serverUrl(): Promise<string>;
  /** Only where the agent chooses the server (Electron). Rejects an address that is not http(s). */
  setServerUrl?(url: string): Promise<void>;
  loadLanguage(): Promise<Language | null>;
  saveLanguage(language: Language): Promise<void>;
  /** null when nobody is signed in or what was stored is unreadable. */
  loadSession(): Promise<StoredSession | null>;
  saveSession(session: StoredSession): Promise<void>;
  clearSession(): Promise<void>;
  notify(notification: PlatformNotification): Promise<void>;
  /**
   * Calls `listener` with the tag of a clicked notification, after the shell brought the console
   * forward (Electron: the window is shown and focused; browser: the tab is focused). Returns the
   * unsubscribe function.
   */
  onNotificationClick(listener: (tag: string) => void): () => void;
  /**
   * Seconds since the agent last touched keyboard or mouse anywhere on the machine, where the shell
   * can tell (Electron); null in a browser, which only sees its own page's input and visibility.
   */
  idleSeconds(): Promise<number | null>;
  /** 0 clears the badge. */
  setBadgeCount(count: number): Promise<void>;
  /** Browsers only grant notifications from a user gesture: call it from one (the sign-in click). */
  requestNotificationPermission?(): Promise<void>;
}
