import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HeldMail } from '../../api/spam';
import { useDeskApi, useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { formatDateTime } from '../../i18n/format';
import { OnlineAdminScreen } from '../admin/online-admin-screen';
import { SpamRulesSection } from './spam-rules-section';

/** A reason in the agent's language, with its points and what matched. */
function describeReason(t: TFunction, reason: HeldMail['reasons'][number]): string {
  const text = t(`spam.reason.${reason.code}`, { detail: reason.detail ?? '' });
  return reason.points > 0 ? `${text} (+${reason.points})` : text;
}

type Loaded = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'loaded'; mails: HeldMail[]; nextCursor: string | null };

/**
 * The Spam view: mail the spam rules held instead of opening a ticket, newest first, with why.
 * Releasing one opens (or joins) its ticket; deleting forgets it. Everything is shown as text.
 * Admins also set the rules here.
 */
export function SpamScreen() {
  const { t } = useTranslation();
  const isAdmin = useDeskSession().agent.role === 'admin';
  return (
    <OnlineAdminScreen headingId="spam-heading" className="spam" title={t('spam.title')} backLabel={t('spam.back')} offlineLabel={t('spam.offline')}>
      <HeldMailList />
      {isAdmin && <SpamRulesSection />}
    </OnlineAdminScreen>
  );
}

function HeldMailList() {
  const { t, i18n } = useTranslation();
  const api = useDeskApi();
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api
      .loadHeldMail(null, abort.signal)
      .then((page) => setLoaded({ phase: 'loaded', ...page }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ phase: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api]);

  const settle = async (mail: HeldMail, action: 'release' | 'delete') => {
    setBusyId(mail.id);
    setNotice(null);
    try {
      if (action === 'release') {
        const number = await api.releaseHeldMail(mail.id);
        setNotice(number === null ? t('spam.releasedKnown') : t('spam.released', { number }));
      } else {
        await api.deleteHeldMail(mail.id);
        setNotice(t('spam.deleted', { subject: mail.subject || t('spam.noSubject') }));
      }
      setLoaded((current) => (current.phase === 'loaded' ? { ...current, mails: current.mails.filter((held) => held.id !== mail.id) } : current));
    } catch (error) {
      setNotice(t('spam.failed', { message: errorMessage(error) }));
    } finally {
      setBusyId(null);
    }
  };

  const loadMore = async () => {
    if (loaded.phase !== 'loaded' || loaded.nextCursor === null) return;
    const page = await api.loadHeldMail(loaded.nextCursor).catch((error: unknown) => {
      setNotice(t('spam.failed', { message: errorMessage(error) }));
      return null;
    });
    if (page) setLoaded({ phase: 'loaded', mails: [...loaded.mails, ...page.mails], nextCursor: page.nextCursor });
  };

  if (loaded.phase === 'loading') return <p className="pane-message">{t('spam.loading')}</p>;
  if (loaded.phase === 'failed') return <p className="notice notice--error" role="alert">{t('spam.failed', { message: loaded.message })}</p>;
  return (
    <div className="spam__list">
      {notice !== null && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {loaded.mails.length === 0 && <p className="pane-message">{t('spam.empty')}</p>}
      <ul className="spam__mails">
        {loaded.mails.map((mail) => (
          <li key={mail.id} className="spam__mail" data-testid="held-mail">
            <div className="message__meta">
              <span className="message__author">{mail.from}</span>
              <time dateTime={new Date(mail.receivedAt).toISOString()}>{formatDateTime(i18n.language, mail.receivedAt)}</time>
              <span>{t('spam.score', { score: mail.score })}</span>
            </div>
            <p className="spam__subject">{mail.subject || t('spam.noSubject')}</p>
            <p className="spam__preview">{mail.preview}</p>
            <p className="field__hint">{t('spam.why', { reasons: mail.reasons.map((reason) => describeReason(t, reason)).join('; ') })}</p>
            <div className="composer__bar">
              <button type="button" className="button button--primary" disabled={busyId !== null} onClick={() => void settle(mail, 'release')}>
                {t('spam.release')}
              </button>
              <button type="button" className="button button--danger" disabled={busyId !== null} onClick={() => void settle(mail, 'delete')}>
                {t('spam.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {loaded.nextCursor !== null && (
        <button type="button" className="button" onClick={() => void loadMore()}>
          {t('spam.more')}
        </button>
      )}
    </div>
  );
}
