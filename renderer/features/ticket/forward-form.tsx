import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { OutcomeNotice, type Outcome } from '../admin/outcome-notice';
import type { TicketView } from '../../sync/desk-session';
import { useConnection } from '../connection/use-connection';

/**
 * Forward the ticket's public conversation and files to an outside address (a vendor, another
 * team), with a note; online only (the server sends it and records it in the conversation).
 */
export function ForwardForm({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const { status } = useConnection();
  const id = useId();
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      await api.forwardTicket(ticket.number, to, note.trim() || undefined);
      setResult({ ok: true, text: t('forward.sent', { to }) });
      setTo('');
      setNote('');
    } catch (error) {
      setResult({ ok: false, text: t('forward.failed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="header-menu forward">
      <summary className="button">{t('forward.open')}</summary>
      <form className="header-menu__panel" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('forward.to')}</label>
          <input id={`${id}-to`} type="email" required value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('forward.note')}</label>
          <textarea id={`${id}-note`} rows={2} maxLength={2_000} value={note} onChange={(event) => setNote(event.target.value)} />
        </div>
        <p className="field__hint">{t('forward.hint')}</p>
        <button type="submit" className="button button--primary" disabled={busy || status === 'offline'}>
          {status === 'offline' ? t('forward.offline') : t('forward.send')}
        </button>
        <OutcomeNotice outcome={result} />
      </form>
    </details>
  );
}
