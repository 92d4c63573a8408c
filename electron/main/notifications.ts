import { Notification } from 'electron';

export type DeskNotification = { title: string; body: string };

export type Notifier = {
  /**
   * Shows a native notification; clicking it brings the desk window forward. Where the system has
   * no notifications (e.g. Linux without a notification daemon) it does nothing, as the renderer's
   * Platform contract expects: a desk without pop-ups still works, an error per event would not help.
   */
  show(notification: DeskNotification): void;
};

export type NotifierOptions = {
  /** Brings the desk window forward (restoring or recreating it); run when a notification is clicked. */
  revealDesk: () => void;
};

export function createNotifier(options: NotifierOptions): Notifier {
  // Electron drops the click handler of a notification that gets garbage-collected while on screen;
  // holding each one until it is clicked, closed or failed keeps "click to open" working.
  const onScreen = new Set<Notification>();

  return {
    show({ title, body }) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      const release = () => onScreen.delete(notification);
      notification.on('click', () => {
        release();
        options.revealDesk();
      });
      notification.on('close', release);
      notification.on('failed', release);
      onScreen.add(notification);
      notification.show();
    },
  };
}
