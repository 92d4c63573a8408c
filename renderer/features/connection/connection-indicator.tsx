import { useTranslation } from 'react-i18next';
import { useConnection } from './use-connection';

/**
 * Online / Offline / Syncing (with how far a catch-up has come: "Syncing 4,200 of 10,000"), and
 * how many of the agent's changes still wait for the server.
 * The count sits in its own element (just the number) so that it reads the same in any language.
 */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const { status, pending, refusal, progress } = useConnection();
  const counting = status === 'syncing' && progress && progress.total > 0;

  return (
    <div className="connection" role="status" aria-label={t('connection.label')}>
      <span className={`connection__dot connection__dot--${status}`} aria-hidden="true" />
      <span data-testid="connection-status" data-status={status}>
        {counting ? t('connection.syncingProgress', { received: progress.received, total: progress.total }) : t(`connection.${status}`)}
      </span>
      {pending > 0 && (
        <span className="connection__pending">
          <span data-testid="pending-count">{pending}</span> {t('connection.pending', { count: pending })}
        </span>
      )}
      {refusal === 'protocol_mismatch' && <span className="connection__refusal">{t('connection.updateRequired')}</span>}
    </div>
  );
}
