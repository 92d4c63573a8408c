import { useEffect } from 'react';
import { useAppServices, useDeskSession } from '../../app/app-context';
import { i18n } from '../../i18n/i18n';
import type { TicketView } from '../../sync/desk-session';

/**
 * Tells the agent about tickets newly assigned to them: a notification for tickets that appear
 * in "My tickets", and a badge counting those still New (assigned but not started).
 *
 * Derived from replicated state, not from socket events, so an assignment that arrived while
 * the socket was down is still announced once it syncs. The first emission after (re)subscribing
 * is the baseline and is not announced: it is what the agent already had. Tickets with pending
 * changes are the agent's own doing (e.g. "Take") and are not announced either.
 */
export function useAssignmentAlerts(): void {
  const session = useDeskSession();
  const { platform } = useAppServices();

  useEffect(() => {
    let known: Set<string> | null = null;
    const subscription = session.queue$({ view: 'mine', status: 'open' }).subscribe((tickets) => {
      const unstarted = tickets.filter((ticket) => ticket.status === 'new').length;
      platform.setBadgeCount(unstarted).catch(() => undefined);
      if (known !== null) {
        const previous = known;
        announce(tickets.filter((ticket) => !previous.has(ticket.id) && !ticket.hasPendingChanges));
      }
      known = new Set(tickets.map((ticket) => ticket.id));
    });

    function announce(assigned: TicketView[]): void {
      const [first] = assigned;
      if (!first) return;
      // The i18n instance rather than the hook's t: the subscription (and its baseline) must
      // survive a language switch, and notifications should use the language of the moment.
      // A burst (first sync after a long offline spell) becomes one notification, not a flood.
      const notification =
        assigned.length === 1
          ? { title: i18n.t('notifications.assignedTitle', { number: first.number }), body: first.subject }
          : {
              title: i18n.t('notifications.assignedMany', { count: assigned.length }),
              body: i18n.t('notifications.assignedManyBody'),
            };
      platform.notify(notification).catch((error: unknown) => console.error('could not notify', error));
    }

    return () => {
      subscription.unsubscribe();
      platform.setBadgeCount(0).catch(() => undefined);
    };
  }, [session, platform]);
}
