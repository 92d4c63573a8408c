import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The one-time recovery codes, shown once after enrolment or regeneration, with a copy button. */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setCopied(true);
    } catch (error) {
      // A page without clipboard permission: the codes stay on screen to copy by hand.
      console.error('could not copy the recovery codes', error);
    }
  };

  return (
    <section className="recovery-codes" aria-labelledby="recovery-codes-heading">
      <h4 id="recovery-codes-heading">{t('account.twoFactor.recoveryHeading')}</h4>
      <p className="notice notice--warning">{t('account.twoFactor.recoveryHint')}</p>
      <ol className="recovery-codes__list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? t('account.twoFactor.copied') : t('account.twoFactor.copy')}
        </button>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('account.twoFactor.done')}
        </button>
      </div>
    </section>
  );
}
