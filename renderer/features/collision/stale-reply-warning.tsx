import { useTranslation } from 'react-i18next';
import type { StaleReplyReason } from './stale-reply';

type StaleReplyWarningProps = {
  reason: StaleReplyReason;
  /** True while the reply is being recorded: both choices wait. */
  busy: boolean;
  onSendAnyway(): void;
  onKeepEditing(): void;
};

/**
 * Shown instead of sending when the conversation moved on while the agent typed. Announced as an
 * alert; focus stays where it was (the agent may be mid-sentence), and the draft is untouched
 * whichever button is chosen.
 */
export function StaleReplyWarning({ reason, busy, onSendAnyway, onKeepEditing }: StaleReplyWarningProps) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning stale-reply" role="alert" data-testid="stale-reply-warning" data-reason={reason}>
      <p className="stale-reply__text">{t(`collision.staleReply.${reason}`)}</p>
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={busy} onClick={onSendAnyway}>
          {t('collision.sendAnyway')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={onKeepEditing}>
          {t('collision.keepEditing')}
        </button>
      </div>
    </div>
  );
}
