import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailboxListing } from '../../api/mailboxes';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { formatDateTime } from '../../i18n/format';
import { OnlineAdminScreen } from '../admin/online-admin-screen';
import { MailSetupSection } from './mail-setup-section';

type Loaded = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'loaded'; mailboxes: MailboxListing[] };

/**
 * Admins: the IMAP mailboxes the desk reads, how each is doing (last read, its error, whether
 * the server pushes new mail through IDLE), and a form to add one. A password is typed in and
 * never shown again; pausing, a new password or removal take effect at once.
 */
export function MailboxesScreen() {
  const { t } = useTranslation();
  return (
    <OnlineAdminScreen headingId="mailboxes-heading" className="mailboxes" title={t('mailboxes.title')} backLabel={t('mailboxes.back')} offlineLabel={t('mailboxes.offline')}>
      <MailSetupSection />
      <MailboxList />
    </OnlineAdminScreen>
  );
}

function MailboxList() {
  const { t, i18n } = useTranslation();
  const api = useDeskApi();
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    api
      .loadMailboxes(abort.signal)
      .then((mailboxes) => setLoaded({ phase: 'loaded', mailboxes }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ phase: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api, attempt]);

  const act = async (work: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await work();
      setAttempt((n) => n + 1);
    } catch (error) {
      setFailure(t('mailboxes.failed', { message: errorMessage(error) }));
    }
  };

  // Electron has no window.prompt: the new password is typed into the row itself.
  const [changing, setChanging] = useState<{ id: string; password: string } | null>(null);
  const savePassword = (event: FormEvent) => {
    event.preventDefault();
    if (!changing?.password) return;
    const { id, password } = changing;
    setChanging(null);
    void act(() => api.changeMailbox(id, { password }));
  };

  return (
    <div className="sla-settings__form">
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {loaded.phase === 'loading' && <p className="pane-message">{t('mailboxes.loading')}</p>}
      {loaded.phase === 'failed' && <p className="notice notice--error" role="alert">{t('mailboxes.failed', { message: loaded.message })}</p>}
      {loaded.phase === 'loaded' && loaded.mailboxes.length === 0 && <p className="pane-message">{t('mailboxes.empty')}</p>}
      {loaded.phase === 'loaded' && loaded.mailboxes.length > 0 && (
        <table className="team-table" data-testid="mailboxes">
          <thead>
            <tr>
              <th scope="col">{t('mailboxes.name')}</th>
              <th scope="col">{t('mailboxes.server')}</th>
              <th scope="col">{t('mailboxes.state')}</th>
              <th scope="col">{t('mailboxes.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {loaded.mailboxes.map((mailbox) => (
              <tr key={mailbox.id} data-testid="mailbox">
                <td>{mailbox.name}</td>
                <td>
                  {mailbox.user} @ {mailbox.host}:{mailbox.port} {mailbox.tls ? 'TLS' : ''} {mailbox.tlsVerify ? '' : t('mailboxes.unverified')} · {mailbox.folder} ·{' '}
                  {mailbox.afterProcessing === 'move' ? t('mailboxes.moves', { folder: mailbox.moveTo ?? '' }) : t('mailboxes.flags')}
                </td>
                <td>
                  {!mailbox.enabled
                    ? t('mailboxes.paused')
                    : mailbox.lastError
                      ? t('mailboxes.error', { error: mailbox.lastError })
                      : mailbox.lastPolledAt
                        ? t(mailbox.idle ? 'mailboxes.readIdle' : 'mailboxes.read', { at: formatDateTime(i18n.language, mailbox.lastPolledAt) })
                        : t('mailboxes.notYet')}
                </td>
                <td>
                  <button type="button" className="button" onClick={() => void act(() => api.changeMailbox(mailbox.id, { enabled: !mailbox.enabled }))}>
                    {mailbox.enabled ? t('mailboxes.pause') : t('mailboxes.resume')}
                  </button>{' '}
                  {changing?.id === mailbox.id ? (
                    <form className="mailboxes__password" onSubmit={savePassword}>
                      <input
                        type="password"
                        aria-label={t('mailboxes.newPassword', { name: mailbox.name })}
                        value={changing.password}
                        autoFocus
                        onChange={(event) => setChanging({ id: mailbox.id, password: event.target.value })}
                      />
                      <button type="submit" className="button">
                        {t('mailboxes.savePassword')}
                      </button>
                    </form>
                  ) : (
                    <button type="button" className="button" onClick={() => setChanging({ id: mailbox.id, password: '' })}>
                      {t('mailboxes.changePassword')}
                    </button>
                  )}{' '}
                  <button type="button" className="button button--danger" onClick={() => void act(() => api.removeMailbox(mailbox.id))}>
                    {t('mailboxes.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddMailboxForm onAdded={() => setAttempt((n) => n + 1)} />
    </div>
  );
}

const EMPTY = { name: '', host: '', port: '993', tls: true, tlsVerify: true, user: '', password: '', folder: 'INBOX', afterProcessing: 'flag' as 'flag' | 'move', moveTo: '' };

function AddMailboxForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set = (changes: Partial<typeof EMPTY>) => setForm((current) => ({ ...current, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await api.addMailbox({
        name: form.name,
        host: form.host,
        port: Number(form.port),
        tls: form.tls,
        tlsVerify: form.tlsVerify,
        user: form.user,
        password: form.password,
        folder: form.folder,
        afterProcessing: form.afterProcessing,
        ...(form.afterProcessing === 'move' ? { moveTo: form.moveTo } : {}),
        enabled: true,
      });
      setForm(EMPTY);
      onAdded();
    } catch (error) {
      setFailure(t('mailboxes.failed', { message: errorMessage(error) }));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: 'name' | 'host' | 'port' | 'user' | 'password' | 'folder' | 'moveTo', type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`mailboxes.field.${key}`)}</label>
      <input id={`${id}-${key}`} type={type} value={form[key]} required={key !== 'moveTo' || form.afterProcessing === 'move'} onChange={(event) => set({ [key]: event.target.value })} />
    </div>
  );

  return (
    <form className="team-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('mailboxes.add')}</h3>
      {field('name')}
      {field('host')}
      {field('port', 'number')}
      <label className="checkbox">
        <input type="checkbox" checked={form.tls} onChange={(event) => set({ tls: event.target.checked, port: event.target.checked ? '993' : '143' })} />
        {t('mailboxes.field.tls')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={form.tlsVerify} onChange={(event) => set({ tlsVerify: event.target.checked })} />
        {t('mailboxes.field.tlsVerify')}
      </label>
      {field('user')}
      {field('password', 'password')}
      {field('folder')}
      <div className="field">
        <label htmlFor={`${id}-after`}>{t('mailboxes.field.afterProcessing')}</label>
        <select id={`${id}-after`} value={form.afterProcessing} onChange={(event) => set({ afterProcessing: event.target.value as 'flag' | 'move' })}>
          <option value="flag">{t('mailboxes.flags')}</option>
          <option value="move">{t('mailboxes.movesTo')}</option>
        </select>
      </div>
      {form.afterProcessing === 'move' && field('moveTo')}
      {failure !== null && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('mailboxes.addButton')}
      </button>
    </form>
  );
}
