import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TwoFactorStatus } from '../../../core/auth/account';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { RecoveryCodes } from './recovery-codes';
import { TwoFactorSetup } from './two-factor-setup';

type View = { phase: 'status' } | { phase: 'setting_up' } | { phase: 'codes'; codes: string[] };

/** The agent's optional second factor: set it up, see how many recovery codes are left, make new ones, turn it off. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const api = useDeskApi();
  const headingId = useId();
  const [status, setStatus] = useState<TwoFactorStatus | { failed: string } | null>(null);
  const [view, setView] = useState<View>({ phase: 'status' });

  const reload = useCallback(() => {
    api.loadTwoFactor().then(setStatus, (error: unknown) => setStatus({ failed: errorMessage(error) }));
  }, [api]);
  useEffect(reload, [reload]);

  const showCodes = (codes: string[]) => setView({ phase: 'codes', codes });
  const backToStatus = () => {
    setView({ phase: 'status' });
    // The shown status is stale now: say "loading" rather than the old state until the server answers.
    setStatus(null);
    reload();
  };

  return (
    <section className="sla-settings__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('account.twoFactor.heading')}</h3>
      {view.phase === 'codes' && <RecoveryCodes codes={view.codes} onDone={backToStatus} />}
      {view.phase === 'setting_up' && <TwoFactorSetup api={api} onEnabled={showCodes} onCancel={() => setView({ phase: 'status' })} />}
      {view.phase === 'status' && status === null && <p className="pane-message">{t('account.loading')}</p>}
      {view.phase === 'status' && status !== null && 'failed' in status && (
        <p className="notice notice--error" role="alert">
          {t('account.loadFailed', { message: status.failed })}
        </p>
      )}
      {view.phase === 'status' && status !== null && 'enabled' in status && !status.enabled && (
        <>
          <p data-testid="two-factor-status">{t('account.twoFactor.off')}</p>
          <button type="button" className="button button--primary" onClick={() => setView({ phase: 'setting_up' })}>
            {t('account.twoFactor.setUp')}
          </button>
        </>
      )}
      {view.phase === 'status' && status !== null && 'enabled' in status && status.enabled && (
        <>
          <p data-testid="two-factor-status">{t('account.twoFactor.on', { count: status.recoveryCodesLeft })}</p>
          <RegenerateCodesForm onCodes={showCodes} />
          <DisableForm onDisabled={backToStatus} />
        </>
      )}
    </section>
  );
}

function RegenerateCodesForm({ onCodes }: { onCodes(codes: string[]): void }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      onCodes(await api.regenerateRecoveryCodes(code.replace(/\s+/g, '')));
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <form className="team-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)}>
      <h4 id={`${id}-heading`}>{t('account.twoFactor.regenerateHeading')}</h4>
      <p className="field__hint">{t('account.twoFactor.regenerateHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('account.twoFactor.code')}</label>
        <input id={`${id}-code`} inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.target.value)} />
      </div>
      {failure && (
        <p className="notice notice--error" role="alert">
          {t('account.failed', { message: failure })}
        </p>
      )}
      <button type="submit" className="button" disabled={code.replace(/\s+/g, '').length !== 6}>
        {t('account.twoFactor.regenerate')}
      </button>
    </form>
  );
}

function DisableForm({ onDisabled }: { onDisabled(): void }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      await api.disableTwoFactor(password, code.trim());
      onDisabled();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  };
  return (
    <form className="team-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)}>
      <h4 id={`${id}-heading`}>{t('account.twoFactor.disableHeading')}</h4>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('account.twoFactor.disablePassword')}</label>
        <input id={`${id}-password`} type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('account.twoFactor.disableCode')}</label>
        <input id={`${id}-code`} autoComplete="one-time-code" required value={code} onChange={(event) => setCode(event.target.value)} />
      </div>
      {failure && (
        <p className="notice notice--error" role="alert">
          {t('account.failed', { message: failure })}
        </p>
      )}
      <button type="submit" className="button" disabled={password === '' || code.trim() === ''}>
        {t('account.twoFactor.disable')}
      </button>
    </form>
  );
}
