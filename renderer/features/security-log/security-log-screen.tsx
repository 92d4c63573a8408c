import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityEventView } from '../../../core/auth/account';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { formatDateTime } from '../../i18n/format';
import { OnlineAdminScreen } from '../admin/online-admin-screen';
import { useAgentDirectory } from '../directory/use-agent-directory';

const PAGE_SIZE = 50;

type Loaded = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'loaded'; events: SecurityEventView[]; nextBefore: number | null; kinds: string[] };

/**
 * Admins: the security log (failed and throttled sign-ins, second-factor and password changes,
 * refused requests), newest first, filtered by kind, paged back with "older entries".
 */
export function SecurityLogScreen() {
  const { t } = useTranslation();
  return (
    <OnlineAdminScreen headingId="security-log-heading" className="security-log" title={t('securityLog.title')} backLabel={t('securityLog.back')} offlineLabel={t('securityLog.offline')}>
      <SecurityLogTable />
    </OnlineAdminScreen>
  );
}

function SecurityLogTable() {
  const { t, i18n } = useTranslation();
  const api = useDeskApi();
  const directory = useAgentDirectory();
  const filterId = useId();
  const [kind, setKind] = useState('');
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [loadingOlder, setLoadingOlder] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ phase: 'loading' });
    api
      .loadSecurityLog({ limit: PAGE_SIZE, ...(kind ? { kind } : {}) }, abort.signal)
      .then((page) => setLoaded({ phase: 'loaded', ...page }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ phase: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api, kind, attempt]);

  const loadOlder = async () => {
    if (loaded.phase !== 'loaded' || loaded.nextBefore === null) return;
    setLoadingOlder(true);
    try {
      const page = await api.loadSecurityLog({ limit: PAGE_SIZE, before: loaded.nextBefore, ...(kind ? { kind } : {}) });
      setLoaded((current) => (current.phase === 'loaded' ? { ...current, events: [...current.events, ...page.events], nextBefore: page.nextBefore } : current));
    } catch (error) {
      setLoaded({ phase: 'failed', message: errorMessage(error) });
    } finally {
      setLoadingOlder(false);
    }
  };

  const kindLabel = (name: string) => (i18n.exists(`securityLog.kinds.${name}`) ? t(`securityLog.kinds.${name}` as 'securityLog.kinds.sign_in') : name);
  const kinds = loaded.phase === 'loaded' ? loaded.kinds : [];

  return (
    <div className="sla-settings__form">
      <div className="field field--inline">
        <label htmlFor={filterId}>{t('securityLog.filter')}</label>
        <select id={filterId} value={kind} onChange={(event) => setKind(event.target.value)}>
          <option value="">{t('securityLog.allKinds')}</option>
          {(kinds.length ? kinds : kind ? [kind] : []).map((name) => (
            <option key={name} value={name}>
              {kindLabel(name)}
            </option>
          ))}
        </select>
      </div>
      {loaded.phase === 'loading' && <p className="pane-message">{t('securityLog.loading')}</p>}
      {loaded.phase === 'failed' && (
        <div className="sla-settings__failure">
          <p className="notice notice--error" role="alert">
            {t('securityLog.loadFailed', { message: loaded.message })}
          </p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('securityLog.retry')}
          </button>
        </div>
      )}
      {loaded.phase === 'loaded' && loaded.events.length === 0 && <p className="pane-message">{t('securityLog.empty')}</p>}
      {loaded.phase === 'loaded' && loaded.events.length > 0 && (
        <table className="team-table security-log__table" data-testid="security-log">
          <thead>
            <tr>
              <th scope="col">{t('securityLog.time')}</th>
              <th scope="col">{t('securityLog.kind')}</th>
              <th scope="col">{t('securityLog.agent')}</th>
              <th scope="col">{t('securityLog.email')}</th>
              <th scope="col">{t('securityLog.address')}</th>
              <th scope="col">{t('securityLog.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.events.map((event) => (
              <tr key={event.id} data-testid="security-event">
                <td>{formatDateTime(i18n.language, event.at)}</td>
                <td>{kindLabel(event.kind)}</td>
                <td>{event.agentId ? (directory.find(event.agentId)?.name ?? '—') : '—'}</td>
                <td>{event.email ?? '—'}</td>
                <td>{event.address ?? '—'}</td>
                <td className="security-log__detail">{describeDetail(event.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {loaded.phase === 'loaded' && loaded.nextBefore !== null && (
        <button type="button" className="button" disabled={loadingOlder} onClick={() => void loadOlder()}>
          {t('securityLog.older')}
        </button>
      )}
    </div>
  );
}

/** `key: value` pairs as the server recorded them (names are stable, values are short). */
function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
