import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountSession } from '../../../core/auth/account';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { formatDateTime } from '../../i18n/format';

/** Where the agent is signed in (time, address, device; this session marked), and "sign out my other sessions". */
export function SessionsSection() {
  const { t, i18n } = useTranslation();
  const api = useDeskApi();
  const headingId = useId();
  const [sessions, setSessions] = useState<AccountSession[] | { failed: string } | null>(null);
  const [result, setResult] = useState<{ ended: number } | { failed: string } | null>(null);

  const reload = useCallback(() => {
    api.loadSessions().then(setSessions, (error: unknown) => setSessions({ failed: errorMessage(error) }));
  }, [api]);
  useEffect(reload, [reload]);

  const endOthers = async () => {
    try {
      setResult(await api.endOtherSessions());
      reload();
    } catch (error) {
      setResult({ failed: errorMessage(error) });
    }
  };

  return (
    <section className="sla-settings__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('account.sessions.heading')}</h3>
      {sessions === null && <p className="pane-message">{t('account.loading')}</p>}
      {sessions !== null && 'failed' in sessions && (
        <p className="notice notice--error" role="alert">
          {t('account.loadFailed', { message: sessions.failed })}
        </p>
      )}
      {Array.isArray(sessions) && (
        <table className="team-table" data-testid="account-sessions">
          <thead>
            <tr>
              <th scope="col">{t('account.sessions.created')}</th>
              <th scope="col">{t('account.sessions.lastActive')}</th>
              <th scope="col">{t('account.sessions.address')}</th>
              <th scope="col">{t('account.sessions.device')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} aria-current={session.current ? 'true' : undefined}>
                <td>
                  {formatDateTime(i18n.language, session.createdAt)}
                  {session.current && <span className="field__hint"> ({t('account.sessions.current')})</span>}
                </td>
                <td>{session.lastActiveAt === null ? t('account.sessions.unknown') : formatDateTime(i18n.language, session.lastActiveAt)}</td>
                <td>{session.address ?? t('account.sessions.unknown')}</td>
                <td className="account-sessions__device">{session.userAgent ?? t('account.sessions.unknown')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="sla-settings__save">
        <button type="button" className="button" disabled={!Array.isArray(sessions) || sessions.every((session) => session.current)} onClick={() => void endOthers()}>
          {t('account.sessions.endOthers')}
        </button>
        {result !== null && 'ended' in result && (
          <span className="team__saved" role="status">
            {t('account.sessions.ended', { count: result.ended })}
          </span>
        )}
        {result !== null && 'failed' in result && (
          <p className="notice notice--error" role="alert">
            {t('account.failed', { message: result.failed })}
          </p>
        )}
      </div>
    </section>
  );
}
