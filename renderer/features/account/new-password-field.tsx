import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../core/auth/password-rules';
import { usePasswordVerdict } from './use-password-verdict';

type NewPasswordFieldProps = {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The owner's email and name: a password made of them is refused. */
  personal: readonly string[];
  /** Told whether the typed password passes the policy, so the form can wait for it. */
  onAcceptableChange(acceptable: boolean): void;
};

/**
 * A new password with the policy's live verdict under it (length, common passwords, the owner's
 * own name or email): the same rule the server applies, so what it says is what the server will say.
 */
export function NewPasswordField({ id, label, value, onChange, personal, onAcceptableChange }: NewPasswordFieldProps) {
  const verdict = usePasswordVerdict(value, personal);
  const acceptable = verdict !== null && verdict !== 'checking' && verdict.acceptable;

  useEffect(() => onAcceptableChange(acceptable), [acceptable, onAcceptableChange]);

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        required
        // Longer than the maximum may be typed, so that the hint can say it is too long.
        maxLength={200}
        value={value}
        aria-describedby={`${id}-verdict`}
        aria-invalid={verdict !== null && verdict !== 'checking' && !verdict.acceptable}
        onChange={(event) => onChange(event.target.value)}
      />
      <div id={`${id}-verdict`} className="field__hint password-verdict" role="status" aria-live="polite" data-testid="password-verdict">
        <PasswordVerdictText verdict={verdict} length={[...value].length} />
      </div>
    </div>
  );
}

function PasswordVerdictText({ verdict, length }: { verdict: ReturnType<typeof usePasswordVerdict>; length: number }) {
  const { t } = useTranslation();
  if (verdict === null) return <>{t('account.policy.rules', { min: PASSWORD_MIN_LENGTH })}</>;
  if (verdict === 'checking') return <>{t('account.policy.checking')}</>;
  if (verdict.acceptable) return <span className="password-verdict--ok">{t('account.policy.acceptable')}</span>;
  if (verdict.problem === 'too_short') return <span className="field__hint--error">{t('account.policy.tooShort', { length, min: PASSWORD_MIN_LENGTH })}</span>;
  if (verdict.problem === 'too_long') return <span className="field__hint--error">{t('account.policy.tooLong', { max: PASSWORD_MAX_LENGTH })}</span>;
  return (
    <span className="field__hint--error">
      {t('account.policy.tooWeak')}
      {verdict.warning && <> {t(`account.policy.feedback.warnings.${verdict.warning}`)}</>}
      {verdict.suggestions.map((suggestion) => (
        <span key={suggestion}> {t(`account.policy.feedback.suggestions.${suggestion}`)}</span>
      ))}
    </span>
  );
}
