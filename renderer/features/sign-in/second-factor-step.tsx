import { useTranslation } from 'react-i18next';

export type SecondFactorInput = { kind: 'totp' | 'recovery'; code: string };

/**
 * The sign-in form's second step, after the server said the password was right but a code is
 * due: a six-digit code from the authenticator app, or one of the recovery codes.
 */
export function SecondFactorStep({ value, onChange, onBack }: { value: SecondFactorInput; onChange(value: SecondFactorInput): void; onBack(): void }) {
  const { t } = useTranslation();
  const recovery = value.kind === 'recovery';
  return (
    <>
      <p className="field__hint">{recovery ? t('secondFactor.recoveryHint') : t('secondFactor.hint')}</p>
      <div className="field">
        <label htmlFor="sign-in-code">{recovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}</label>
        <input
          id="sign-in-code"
          // A new element per kind: the browser must not offer the app code's autofill for a recovery code.
          key={value.kind}
          autoComplete="one-time-code"
          inputMode={recovery ? 'text' : 'numeric'}
          required
          autoFocus
          value={value.code}
          onChange={(event) => onChange({ ...value, code: event.target.value })}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button--link" onClick={() => onChange({ kind: recovery ? 'totp' : 'recovery', code: '' })}>
          {recovery ? t('secondFactor.useAppCode') : t('secondFactor.useRecoveryCode')}
        </button>
        <button type="button" className="button button--link" onClick={onBack}>
          {t('secondFactor.back')}
        </button>
      </div>
    </>
  );
}
