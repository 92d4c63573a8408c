import { useEffect, useRef } from 'react';
import { useAppServices, useDeskSession } from '../../app/app-context';
import { i18n } from '../../i18n/i18n';
import type { DeskSession } from '../../sync/desk-session';
import { sharedAlertSound, type AlertSound } from './alert-sound';
import { consoleIsAttended, startAssignmentAlerter } from './assignment-alerter';

/** What tests replace; the console uses the defaults. Read once, when the desk mounts. */
export type AssignmentAlertOptions = {
  /** The alert tone (default: the shared Web Audio tone). */
  sound?: AlertSound;
  /** Whether the agent is looking at the console (default: page visible and focused). */
  isAttended?: () => boolean;
  /** The clock quiet hours are judged by (default: Date.now). */
  now?: () => number;
};

/**
 * The desk's assignment alerts (see startAssignmentAlerter): notifications, sound, badge and
 * reminders for tickets assigned to the agent until they open them. Mount once, in the desk;
 * unmounting (sign-out) stops reminders and clears the badge.
 */
export function useAssignmentAlerts(options: AssignmentAlertOptions = {}): void {
  const session = useDeskSession();
  const { platform } = useAppServices();
  const initialOptions = useRef(options);
  // Survives an effect restart within the same mount (StrictMode), so nothing is announced twice;
  // a new session (another sign-in) starts afresh and announces what is waiting.
  const announced = useRef<{ session: DeskSession; raised: Set<string> } | null>(null);

  useEffect(() => {
    if (announced.current?.session !== session) announced.current = { session, raised: new Set() };
    const { sound = sharedAlertSound(), isAttended = () => consoleIsAttended(), now = Date.now } = initialOptions.current;
    return startAssignmentAlerter({ session, platform, sound, isAttended, now, t: i18n.t, raised: announced.current.raised });
  }, [session, platform]);
}
