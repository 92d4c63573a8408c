import { useEffect } from 'react';
import type { ViewingReport } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { draftKey, useUiStore, type UiState } from '../../state/ui-store';

/** How long after the last change to the draft the agent still counts as typing. */
export const TYPING_QUIET_MS = 5_000;

/**
 * Tells the server which ticket this console shows and whether the agent is typing in it: call it
 * once, in the desk screen. Typing means the draft for the open ticket changed within the last
 * 5 s; an emptied draft (sent, or deleted) is not typing. Only changes are reported; the session
 * keeps the last report and resends it after reconnects.
 *
 * It watches the UI store outside React so that keystrokes never re-render the desk.
 */
export function useViewingReporter(): void {
  const session = useDeskSession();

  useEffect(() => {
    const agentId = session.agent.id;
    // Another screen (SLA settings, team) hides the ticket even though it stays selected.
    const openTicketOf = (state: UiState) => (state.screen === 'desk' ? state.selectedTicketId : null);
    const bodyOf = (state: UiState, ticketId: string | null) =>
      ticketId === null ? '' : (state.drafts[draftKey(agentId, ticketId)]?.body ?? '');

    let last: ViewingReport | null = null;
    let quietTimer: ReturnType<typeof setTimeout> | undefined;
    const report = (next: ViewingReport) => {
      if (last !== null && last.ticketId === next.ticketId && last.typing === next.typing) return;
      last = next;
      session.reportViewing(next);
    };
    const stopTypingTimer = () => {
      if (quietTimer !== undefined) clearTimeout(quietTimer);
      quietTimer = undefined;
    };

    const initial = useUiStore.getState();
    let ticketId = openTicketOf(initial);
    let body = bodyOf(initial, ticketId);
    report({ ticketId, typing: false });

    const unsubscribe = useUiStore.subscribe((state) => {
      const nextTicketId = openTicketOf(state);
      const nextBody = bodyOf(state, nextTicketId);
      if (nextTicketId !== ticketId) {
        ticketId = nextTicketId;
        body = nextBody;
        stopTypingTimer();
        report({ ticketId, typing: false });
        return;
      }
      if (nextBody === body) return;
      body = nextBody;
      stopTypingTimer();
      if (nextBody === '') {
        report({ ticketId, typing: false });
        return;
      }
      report({ ticketId, typing: true });
      const typedIn = ticketId;
      quietTimer = setTimeout(() => {
        quietTimer = undefined;
        report({ ticketId: typedIn, typing: false });
      }, TYPING_QUIET_MS);
    });

    return () => {
      unsubscribe();
      stopTypingTimer();
    };
  }, [session]);
}
