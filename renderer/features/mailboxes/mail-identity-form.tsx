import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskMailSettings } from '../../../core';
import type { MailSetup } from '../../api/mailboxes';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { OutcomeNotice, type Outcome } from '../admin/outcome-notice';

/**
 * The desk's From address and relay, set over the server's environment. The relay's URL holds
 * its password, so it is typed into a password field and never shown again: an empty field
 * keeps the relay as it is.
 */
export function MailIdentityForm({ setup, onSetup }: { setup: MailSetup; onSetup: (setup: MailSetup) => void }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [from, setFrom] = useState(setup.from);
  const [relayUrl, setRelayUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  useEffect(() => setFrom(setup.from), [setup.from]);

  const save = async (settings: DeskMailSettings) => {
    setBusy(true);
    setOutcome(null);
    try {
      onSetup(await api.changeMailSettings(settings));
      setRelayUrl('');
      setOutcome({ ok: true, text: t('deskMail.saved') });
    } catch (error) {
      setOutcome({ ok: false, text: t('deskMail.failed', { message: errorMessage(error) }) });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ ...(from.trim() !== setup.from ? { from: from.trim() } : {}), ...(relayUrl.trim() ? { relayUrl: relayUrl.trim() } : {}) });
  };
  const fromConsole = setup.fromSource === 'console';
  const relayConsole = setup.relaySource === 'console';

  return (
    <form className="team-form" onSubmit={submit} aria-labelledby={`${id}-heading`} data-testid="mail-identity">
      <h3 id={`${id}-heading`}>{t('deskMail.identity')}</h3>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('deskMail.from')}</label>
        <input id={`${id}-from`} type="email" required value={from} onChange={(event) => setFrom(event.target.value)} />
        <p className="field__hint">{t(fromConsole ? 'deskMail.fromConsole' : 'deskMail.fromEnv')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-relay`}>{t('deskMail.relayUrl')}</label>
        <input id={`${id}-relay`} type="password" autoComplete="off" spellCheck={false} value={relayUrl} onChange={(event) => setRelayUrl(event.target.value)} />
        <p className="field__hint">
          {setup.relay ? `${setup.relay}: ${t(relayConsole ? 'deskMail.relayConsole' : 'deskMail.relayEnv')}. ` : ''}
          {t('deskMail.relayKeep')}
        </p>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('deskMail.save')}
      </button>
      {(fromConsole || relayConsole) && (
        <button type="button" className="button" disabled={busy} onClick={() => void save({ ...(fromConsole ? { from: null } : {}), ...(relayConsole ? { relayUrl: null } : {}) })}>
          {t('deskMail.useEnvironment')}
        </button>
      )}
      <OutcomeNotice outcome={outcome} />
    </form>
  );
}
