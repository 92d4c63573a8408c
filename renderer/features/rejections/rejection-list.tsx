import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskSession } from '../../app/app-context';
import { describeRejection } from '../../i18n/describe-rejection';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';
import type { RejectedChange } from '../../sync/desk-session';

const NONE: RejectedChange[] = [];

/**
 * Changes the server refused, each with its reason, until the agent dismisses them: an offline
 * change that breaks a rule must never vanish silently. A refused reply keeps its text here.
 */
export function RejectionList() {
  const { t } = useTranslation();
  const session = useDeskSession();
  const rejections = useObservable(session.rejections$, NONE);
  if (rejections.length === 0) return null;

  return (
    <section className="rejections" role="alert" aria-labelledby="rejections-heading">
      <h2 id="rejections-heading" className="rejections__heading">
        {t('rejections.heading', { count: rejections.length })}
      </h2>
      <ul className="rejections__list">
        {rejections.map((change) => (
          <RejectionItem key={change.id} change={change} />
        ))}
      </ul>
    </section>
  );
}

function RejectionItem({ change }: { change: RejectedChange }) {
  const { t } = useTranslation();
  const session = useDeskSession();
  // openTicket, not selectTicket: the list also shows above the SLA settings screen.
  const openTicket = useUiStore((state) => state.openTicket);
  const [dismissing, setDismissing] = useState(false);

  const reason = describeRejection(t, change.rejection);
  const text =
    change.ticketNumber === null
      ? t('rejections.itemWithoutNumber', { reason })
      : t('rejections.item', { number: change.ticketNumber, reason });
  const refusedText = (change.type === 'reply' || change.type === 'note') && typeof change.payload.body === 'string'
    ? change.payload.body
    : null;
  const reasonId = `rejection-${change.id}`;

  const dismiss = () => {
    setDismissing(true);
    session.dismissRejection(change.id).catch((error: unknown) => {
      console.error('could not dismiss the rejection', error);
      setDismissing(false);
    });
  };

  return (
    <li className="rejection" data-testid="rejection">
      <p className="rejection__reason" id={reasonId}>
        {text}
      </p>
      <p className="rejection__change">{t('rejections.change', { intent: t(`intent.${change.type}`) })}</p>
      {refusedText !== null && (
        <details className="rejection__text">
          <summary>{t('rejections.yourText')}</summary>
          <blockquote>{refusedText}</blockquote>
        </details>
      )}
      <div className="rejection__actions">
        <button type="button" className="button" onClick={() => openTicket(change.ticketId)}>
          {t('rejections.open')}
        </button>
        <button type="button" className="button" aria-describedby={reasonId} onClick={dismiss} disabled={dismissing}>
          {t('rejections.dismiss')}
        </button>
      </div>
    </li>
  );
}
