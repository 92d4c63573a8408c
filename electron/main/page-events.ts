import type { BrowserWindow } from 'electron';
import { DESKTOP_EVENTS } from '../../core/desktop-api';

export type DesktopEvent = keyof typeof DESKTOP_EVENTS;

/**
 * What each main → renderer event carries. Indexing the literal by every DESKTOP_EVENTS key makes
 * a new event without a payload type a compile error here.
 */
export type DesktopEventPayloads = { [E in DesktopEvent]: { notificationClicked: string }[E] };

/**
 * Sends one event to the page in `window`. A page that is still loading (a window just recreated,
 * or a reload) has no preload listening yet, so the event waits for its 'did-finish-load' and goes
 * out once. The page itself may subscribe much later (after sign-in): the preload keeps a click
 * that nobody was subscribed to for the page's first subscriber (preload/index.ts).
 * A window that is gone, or closes before its page loads, drops the event: nobody is there to tell.
 */
export function sendToPage<E extends DesktopEvent>(window: BrowserWindow, event: E, payload: DesktopEventPayloads[E]): void {
  if (window.isDestroyed()) return;
  const contents = window.webContents;
  const channel = DESKTOP_EVENTS[event];
  if (!contents.isLoading()) {
    contents.send(channel, payload);
    return;
  }
  contents.once('did-finish-load', () => {
    if (!contents.isDestroyed()) contents.send(channel, payload);
  });
}
