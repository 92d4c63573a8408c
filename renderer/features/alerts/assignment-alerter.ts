import type { TFunction } from 'i18next';
import { Subscription } from 'rxjs';
import type { AssignmentNotice } from '../../../core';
import type { Platform, PlatformNotification } from '../../platform/platform';
import { useUiStore } from '../../state/ui-store';
import type { ConnectionStatus, DeskSession, TicketView } from '../../sync/desk-session';
import { acknowledgedBy, followAcknowledgementsFromOtherTabs, useAcknowledgements } from './acknowledgements';
import { assignedNotifications, MY_TICKETS_TAG, reminderNotification, ticketIdOfTag } from './alert-notifications';
import { currentAlertPreferences, useAlertPreferences } from './alert-preferences';
import type { AlertSound } from './alert-sound';
import { isWithinQuietHours } from './quiet-hours';
import { assignmentKey, unacknowledgedAssignments, type Assignment } from './unacknowledged';

export type AssignmentAlerterDeps = {
  session: Pick<DeskSession, 'agent' | 'queue$' | 'connection$' | 'assignments$'>;
  platform: Pick<Platform, 'notify' | 'setBadgeCount' | 'onNotificationClick'>;
  sound: AlertSound;
  /** Whether the agent is looking at the console right now (window visible and focused). */
  isAttended(): boolean;
  now(): number;
  /** The language of the moment: the i18n instance's t, not a component's. */
  t: TFunction;
  /**
   * Keys (assignmentKey) of assignments already announced while this desk is mounted. The caller
   * owns it so a restart of the alerter in the same mount (React StrictMode) announces nothing twice.
   */
  raised: Set<string>;
  /** Where focus and visibility changes come from; the page's window by default. */
  win?: Window;
};

/** The console is attended when its page is visible and has focus (an open ticket is then seen). */
export function consoleIsAttended(doc: Document = document): boolean {
  return doc.visibilityState === 'visible' && doc.hasFocus();
}

/**
 * Alerts the signed-in agent about tickets assigned to them until they open each one: a platform
 * notification (click opens the ticket), the alert tone, the badge and title count, and a reminder
 * every `repeatMinutes` while any stays unopened. Returns the function that stops it all and
 * clears the badge (unmount, sign-out).
 *
 * Correctness rests on replicated state only: "My tickets" plus the agent's acknowledgements
 * (unacknowledged.ts). So an assignment made while the console was closed or offline is announced
 * on the first emission after start or reconnect, never taken as a silent baseline. The live
 * `ticket:assigned` push only makes the notification immediate; when the ticket then syncs it is
 * not announced again, and a lost push loses nothing.
 *
 * Acknowledging: an assignment is acknowledged when the agent opens its ticket (selection, or a
 * click on its notification). A ticket that was already open when it was assigned counts as seen
 * only while the console is attended; otherwise (the agent left it open and went elsewhere) it is
 * announced like any other, and acknowledged once the window gets focus again with it still open.
 */
export function startAssignmentAlerter(deps: AssignmentAlerterDeps): () => void {
  const { session, platform, sound, isAttended, now, t, raised, win = window } = deps;
  const agentId = session.agent.id;
  let mine: readonly TicketView[] | null = null;
  let online = false;
  let badge: number | null = null;
  let reminder: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  // While one change is being handled: acknowledgements written meanwhile must not announce
  // anything before the handler has acknowledged what the agent is looking at.
  let handling = false;

  const unacknowledged = (): Assignment[] => (mine === null ? [] : unacknowledgedAssignments(mine, agentId, acknowledgedBy(agentId)));

  function acknowledgeOpenTicket({ requireAttention }: { requireAttention: boolean }): void {
    const openId = useUiStore.getState().selectedTicketId;
    const assignment = openId === null ? undefined : unacknowledged().find((ticket) => ticket.id === openId);
    if (!assignment || (requireAttention && !isAttended())) return;
    useAcknowledgements.getState().acknowledge(agentId, assignment.id, assignment.assignedAt);
  }

  // Tickets seen in "My tickets" since the desk last stopped being caught up (null once a fresh
  // "My tickets" has been pruned against). Meanwhile the local database may be half loaded, or
  // emptied for a new sync epoch, and when the desk reads caught up again "My tickets" may not
  // have re-emitted yet: until it does, pruning keeps every ticket seen in between, so nothing
  // acknowledged is forgotten because of a stale list.
  let seenWhileBehind: Set<string> | null = new Set();

  function noteConnection(status: ConnectionStatus): void {
    const wasOnline = online;
    online = status === 'online';
    if (wasOnline && !online) seenWhileBehind = new Set(mine?.map((ticket) => ticket.id));
  }

  // Prune only while caught up with the server: a half-loaded local database must not make the
  // console forget what the agent acknowledged (it would announce those tickets again).
  function prune({ freshList }: { freshList: boolean }): void {
    if (mine === null) return;
    const current = mine.map((ticket) => ticket.id);
    if (!online) {
      current.forEach((id) => seenWhileBehind?.add(id));
      return;
    }
    useAcknowledgements.getState().prune(agentId, new Set([...current, ...(seenWhileBehind ?? [])]));
    if (freshList) seenWhileBehind = null;
  }

  /** Recomputes from the current state; idempotent, so every change may simply call it. */
  function refresh(): void {
    if (stopped || handling || mine === null) return;
    const waiting = unacknowledged();
    setBadge(waiting.length);
    const fresh = waiting.filter((assignment) => !raised.has(assignmentKey(assignment)));
    fresh.forEach((assignment) => raised.add(assignmentKey(assignment)));
    announce(assignedNotifications(t, fresh));
    if (waiting.length === 0) cancelReminder();
    // A new announcement restarts the interval: the next reminder comes a full interval after it.
    else if (fresh.length > 0 || reminder === undefined) scheduleReminder();
  }

  function setBadge(count: number): void {
    if (count === badge) return;
    badge = count;
    platform.setBadgeCount(count).catch(() => undefined);
  }

  function announce(notifications: PlatformNotification[]): void {
    if (notifications.length === 0) return;
    for (const notification of notifications) {
      platform.notify(notification).catch((error: unknown) => console.error('could not notify', error));
    }
    const preferences = currentAlertPreferences();
    if (preferences.soundOn && !isWithinQuietHours(preferences.quietHours, now())) sound.play();
  }

  function scheduleReminder(): void {
    cancelReminder();
    const minutes = useAlertPreferences.getState().repeatMinutes;
    if (minutes > 0) reminder = setTimeout(remind, minutes * 60_000);
  }

  function cancelReminder(): void {
    clearTimeout(reminder);
    reminder = undefined;
  }

  function remind(): void {
    reminder = undefined;
    const notification = reminderNotification(t, unacknowledged());
    if (notification === null) return;
    announce([notification]);
    scheduleReminder();
  }

  function onPush(notice: AssignmentNotice): void {
    const key = assignmentKey({ id: notice.ticketId, assignedAt: notice.assignedAt });
    if (raised.has(key) || acknowledgedBy(agentId)[notice.ticketId] === notice.assignedAt) return;
    // The agent is looking at this very ticket: let the synced state acknowledge it instead.
    if (useUiStore.getState().selectedTicketId === notice.ticketId && isAttended()) return;
    raised.add(key);
    announce(assignedNotifications(t, [{ id: notice.ticketId, number: notice.number, subject: notice.subject }]));
  }

  function onNotificationClick(tag: string): void {
    const ui = useUiStore.getState();
    const ticketId = ticketIdOfTag(tag);
    if (ticketId !== null) {
      ui.openTicket(ticketId);
      // Opening an already open ticket changes no selection: the click itself acknowledges.
      acknowledgeOpenTicket({ requireAttention: false });
    } else if (tag === MY_TICKETS_TAG) {
      ui.selectView('mine');
      ui.setStatusFilter('open');
      ui.showScreen('desk');
    }
  }

  const onAttention = () => acknowledgeOpenTicket({ requireAttention: true });

  const subscriptions = new Subscription();
  // Connection first: a BehaviorSubject-backed state is then known for the first ticket emission.
  subscriptions.add(
    session.connection$.subscribe((connection) => {
      noteConnection(connection.status);
      prune({ freshList: false });
    }),
  );
  subscriptions.add(
    session.queue$({ view: 'mine', status: 'open' }).subscribe((tickets) => {
      mine = tickets;
      handling = true;
      try {
        prune({ freshList: true });
        acknowledgeOpenTicket({ requireAttention: true });
      } finally {
        handling = false;
      }
      refresh();
    }),
  );
  subscriptions.add(session.assignments$.subscribe(onPush));
  subscriptions.add(useAcknowledgements.subscribe(refresh));
  subscriptions.add(
    useUiStore.subscribe((state, previous) => {
      if (state.selectedTicketId !== previous.selectedTicketId) acknowledgeOpenTicket({ requireAttention: false });
    }),
  );
  subscriptions.add(
    useAlertPreferences.subscribe((state, previous) => {
      if (state.repeatMinutes === previous.repeatMinutes) return;
      if (unacknowledged().length > 0) scheduleReminder();
      else cancelReminder();
    }),
  );
  subscriptions.add(platform.onNotificationClick(onNotificationClick));
  subscriptions.add(followAcknowledgementsFromOtherTabs(win));
  win.addEventListener('focus', onAttention);
  win.document.addEventListener('visibilitychange', onAttention);

  return () => {
    stopped = true;
    subscriptions.unsubscribe();
    win.removeEventListener('focus', onAttention);
    win.document.removeEventListener('visibilitychange', onAttention);
    cancelReminder();
    platform.setBadgeCount(0).catch(() => undefined);
  };
}
