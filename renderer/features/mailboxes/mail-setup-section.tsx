import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailSetup } from '../../api/mailboxes';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { OutcomeNotice, type Outcome } from '../admin/outcome-notice';
import { MailIdentityForm } from './mail-identity-form';
import { SupportAddressesSection } from './support-addresses-section';

/** How the desk's mail is set up (no secrets), what admins set over the server's environment, and a test mail through the relay. */
export function MailSetupSection() {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [setup, setSetup] = useState<MailSetup | null>(null);
  const [to, setTo] = useState('');
  const [result, setResult] = useState<Outcome | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    api
      .loadMailSetup(abort.signal)
      .then(setSetup)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setResult({ ok: false, text: t('mailSetup.failed', { message: errorMessage(error) }) });
      });
    return () => abort.abort();
  }, [api, t]);

  const sendTest = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    try {
      await api.sendTestMail(to);
      setResult({ ok: true, text: t('mailSetup.testSent', { to }) });
    } catch (error) {
      setResult({ ok: false, text: t('mailSetup.testFailed', { message: errorMessage(error) }) });
    }
  };

  return (
    <section className="sla-settings__section" aria-labelledby={`${id}-heading`} data-testid="mail-setup">
      <h3 id={`${id}-heading`}>{t('mailSetup.title')}</h3>
      {setup && (
        <dl className="mail-envelope">
          <dt>{t('mailSetup.listener')}</dt>
          <dd>{setup.smtpPort === null ? t('mailSetup.listenerOff') : t('mailSetup.listenerOn', { port: setup.smtpPort })}</dd>
          <dt>{t('mailSetup.relay')}</dt>
          <dd>{setup.relay ?? t('mailSetup.relayNone')}</dd>
          <dt>{t('mailSetup.links')}</dt>
          <dd>{setup.publicUrl}</dd>
          <dt>{t('mailSetup.rspamd')}</dt>
          <dd>{setup.rspamd ? t('mailSetup.yes') : t('mailSetup.no')}</dd>
        </dl>
      )}
      <p className="field__hint">{t('mailSetup.hint')}</p>
      {setup && <MailIdentityForm setup={setup} onSetup={setSetup} />}
      {setup && <SupportAddressesSection setup={setup} onSetup={setSetup} />}
      <form className="field field--inline" onSubmit={(event) => void sendTest(event)}>
        <label htmlFor={`${id}-to`}>{t('mailSetup.testTo')}</label>
        <input id={`${id}-to`} type="email" required value={to} onChange={(event) => setTo(event.target.value)} />
        <button type="submit" className="button" disabled={!setup?.relay}>
          {t('mailSetup.sendTest')}
        </button>
      </form>
      <OutcomeNotice outcome={result} />
    </section>
  );
}
