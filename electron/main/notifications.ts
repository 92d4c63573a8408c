import { Notification, type BrowserWindow } from 'electron';
import { sendToPage } from './page-events';

export type DeskNotification = { title: string; body: string; tag?: string };

export type Notifier = {
  /**
   * Shows a silent native notification (the console plays its own, settable sound). Clicking it
   * brings the desk window forward and then, when `tag` was given, hands the tag to the page
   * (DESKTOP_EVENTS.notificationClicked), after the page finished loading if the window had to be
   * recreated. Where the system has no notifications (e.g. Linux without a notification daemon) it
   * does nothing, as the renderer's Platform contract expects: a desk without pop-ups still works,
   * an error per event would not help.
   */
  show(notification: DeskNotification): void;
};

export type NotifierOptions = {
  /** Brings the desk window forward (restoring or recreating it); run when a notification is clicked. */
  revealDesk: () => void;
  /** The desk window as it is after revealDesk ran; null when there is none (the tag is dropped). */
  getWindow: () => BrowserWindow | null;
};

export function createNotifier(options: NotifierOptions): Notifier {
  // Electron drops the click handler of a notification that gets garbage-collected while on screen;
  // holding each one until it is clicked, closed or failed keeps "click to open" working.
  const onScreen = new Set<Notification>();

  return {
    show({ title, body, tag }) {
      if (!Notification.isSupported()) return;
      // The tag stays here: Electron's notifications have no field that means "what to open".
      const notification = new Notification({ title, body, silent: true });
      const release = () => onScreen.delete(notification);
      notification.on('click', () => {
        release();
        options.revealDesk();
        if (tag === undefined) return;
        const window = options.getWindow();
        if (window !== null) sendToPage(window, 'notificationClicked', tag);
      });
      notification.on('close', release);
      notification.on('failed', release);
      onScreen.add(notification);
      notification.show();
    },
  };
}
