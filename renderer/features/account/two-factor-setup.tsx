import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TwoFactorSetup as Setup } from '../../../core/auth/account';
import type { AccountApi } from '../../api/account';
import { errorMessage } from '../../app/desk-auth';
import { QrCodeImage } from './qr-code-image';

type SetupApi = Pick<AccountApi, 'setUpTwoFactor' | 'enableTwoFactor'>;

/**
 * Enrolment: asks the server for a new secret, shows it as a QR code and as text, and confirms it
 * with the first code from the app. Resolves `onEnabled` with the recovery codes (shown once).
 */
export function TwoFactorSetup({ api, onEnabled, onCancel }: { api: SetupApi; onEnabled(codes: string[]): void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [setup, setSetup] = useState<{ phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; setup: Setup }>({ phase: 'loading' });
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<{ phase: 'idle' } | { phase: 'saving' } | { phase: 'failed'; message: string }>({ phase: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setSetup({ phase: 'loading' });
    api
      .setUpTwoFactor(abort.signal)
      .then((answer) => setSetup({ phase: 'ready', setup: answer }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setSetup({ phase: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api, attempt]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus({ phase: 'saving' });
    try {
      onEnabled(await api.enableTwoFactor(code.replace(/\s+/g, '')));
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
    }
  };

  if (setup.phase === 'loading') return <p className="pane-message">{t('account.loading')}</p>;
  if (setup.phase === 'failed') {
    return (
      <div>
        <p className="notice notice--error" role="alert">
          {t('account.loadFailed', { message: setup.message })}
        </p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('account.retry')}
        </button>
      </div>
    );
  }
  return (
    <form className="two-factor-setup" aria-label={t('account.twoFactor.setUp')} onSubmit={(event) => void submit(event)}>
      <p>{t('account.twoFactor.scan')}</p>
      <QrCodeImage text={setup.setup.otpauthUrl} alt={t('account.twoFactor.qrAlt')} />
      <p>
        {t('account.twoFactor.secret')}: <code data-testid="two-factor-secret">{setup.setup.secret}</code>
      </p>
      <div className="field">
        <label htmlFor={`${id}-code`}>{t('account.twoFactor.code')}</label>
        <input
          id={`${id}-code`}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\s*(\d\s*){6}"
          required
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
      </div>
      {status.phase === 'failed' && (
        <p className="notice notice--error" role="alert">
          {t('account.failed', { message: status.message })}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={status.phase === 'saving' || code.replace(/\s+/g, '').length !== 6}>
          {t('account.twoFactor.confirm')}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t('account.twoFactor.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
