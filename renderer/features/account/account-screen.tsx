import { useTranslation } from 'react-i18next';
import { OnlineAdminScreen } from '../admin/online-admin-screen';
import { ChangePasswordForm } from './change-password-form';
import { SessionsSection } from './sessions-section';
import { SignatureSection } from './signature-section';
import { TwoFactorSection } from './two-factor-section';

/**
 * The signed-in agent's own account: password, mail signature, second factor and sessions. Read and written on
 * the server (nothing here is replicated), so the screen works online only.
 */
export function AccountScreen() {
  const { t } = useTranslation();
  return (
    <OnlineAdminScreen headingId="account-heading" className="account" title={t('account.title')} backLabel={t('account.back')} offlineLabel={t('account.offline')}>
      <div className="sla-settings__form">
        <section className="sla-settings__section">
          <ChangePasswordForm />
        </section>
        <SignatureSection />
        <TwoFactorSection />
        <SessionsSection />
      </div>
    </OnlineAdminScreen>
  );
}
