import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketViewer } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { joinNames } from './viewer-names';
import { ViewerAvatar } from './viewer-avatar';
import { groupViewersByTicket, NO_VIEWERS } from './viewers';

/**
 * In the ticket view: "Anna is viewing", "Boris is typing…", several names combined. The region
 * is always rendered (empty when nobody else is here) so that screen readers announce the first
 * colleague arriving, politely.
 */
export function TicketViewers({ ticketId }: { ticketId: string }) {
  const { t, i18n } = useTranslation();
  const session = useDeskSession();
  const everyone = useObservable(session.viewers$, NO_VIEWERS);
  const viewers = useMemo(() => groupViewersByTicket(everyone).get(ticketId) ?? NO_VIEWERS, [everyone, ticketId]);
  const typing = viewers.filter((viewer) => viewer.typing);
  const viewing = viewers.filter((viewer) => !viewer.typing);

  const sentence = (people: readonly TicketViewer[], activity: 'Viewing' | 'Typing') =>
    t(people.length === 1 ? `collision.one${activity}` : `collision.several${activity}`, {
      names: joinNames(t, i18n.language, people.map((person) => person.name)),
    });

  return (
    <div className="ticket-viewers" aria-live="polite" data-testid="ticket-viewers">
      {viewers.length > 0 && (
        <span className="ticket-viewers__avatars">
          {viewers.map((viewer) => (
            <ViewerAvatar key={viewer.agentId} viewer={viewer} />
          ))}
        </span>
      )}
      {typing.length > 0 && (
        <span className="ticket-viewers__line ticket-viewers__line--typing" data-testid="ticket-viewers-typing">
          {sentence(typing, 'Typing')}
        </span>
      )}
      {viewing.length > 0 && (
        <span className="ticket-viewers__line" data-testid="ticket-viewers-viewing">
          {sentence(viewing, 'Viewing')}
        </span>
      )}
    </div>
  );
}
