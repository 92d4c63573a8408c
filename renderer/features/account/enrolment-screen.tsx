import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createAccountApi } from '../../api/account';
import { useAppServices } from '../../app/app-context';
import type { PendingEnrolment } from '../../app/desk-auth';
import { LanguageSwitch } from '../language/language-switch';
import { RecoveryCodes } from './recovery-codes';
import { TwoFactorSetup } from './two-factor-setup';

/**
 * TIERDESK_REQUIRE_2FA: an admin without a second factor signed in with a session that may only
 * enrol one. Set it up here; once the recovery codes are seen, the desk opens as usual.
 */
export function EnrolmentScreen({ enrolment }: { enrolment: PendingEnrolment }) {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const api = useMemo(() => createAccountApi({ serverUrl: enrolment.serverUrl, token: enrolment.token }), [enrolment]);
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <main className="sign-in">
      <div className="sign-in__language">
        <LanguageSwitch />
      </div>
      <div className="sign-in__form enrolment" aria-labelledby="enrolment-title">
        <h1 id="enrolment-title">{t('account.enrolment.title')}</h1>
        {codes === null ? (
          <>
            <p>{t('account.enrolment.intro')}</p>
            <TwoFactorSetup api={api} onEnabled={setCodes} />
            <button type="button" className="button" onClick={() => void auth.signOut()}>
              {t('account.enrolment.signOut')}
            </button>
          </>
        ) : (
          <RecoveryCodes codes={codes} onDone={() => void auth.completeEnrolment()} />
        )}
      </div>
    </main>
  );
}
