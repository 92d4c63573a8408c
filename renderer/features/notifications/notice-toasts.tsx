import { useTranslation } from 'react-i18next';
import { useUiStore } from '../../state/ui-store';
import { describeNotice } from './describe-notice';
import { useDeskNotices } from './use-desk-notices';

/**
 * The in-app side of lifecycle notices: one toast each, newest last. Clicking a toast opens its
 * ticket (leaving the SLA settings screen if that was showing); the × only dismisses it.
 */
export function NoticeToasts() {
  const { t, i18n } = useTranslation();
  const { notices, dismiss } = useDeskNotices();
  const openTicket = useUiStore((state) => state.openTicket);

  return (
    <section className="toasts" aria-live="polite" aria-label={t('notices.label')}>
      {notices.map(({ id, notice, receivedAt }) => {
        const text = describeNotice(t, i18n.language, notice, receivedAt);
        return (
          <div key={id} className={`toast toast--${notice.kind}`} data-testid="notice-toast" data-kind={notice.kind}>
            <button
              type="button"
              className="toast__open"
              onClick={() => {
                openTicket(notice.ticketId);
                dismiss(id);
              }}
            >
              {text}
            </button>
            <button type="button" className="toast__dismiss" aria-label={t('notices.dismiss')} onClick={() => dismiss(id)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        );
      })}
    </section>
  );
}
