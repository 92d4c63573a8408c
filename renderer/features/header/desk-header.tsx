import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices, useDeskSession } from '../../app/app-context';
import { ConnectionIndicator } from '../connection/connection-indicator';
import { LanguageSwitch } from '../language/language-switch';

export function DeskHeader() {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const { agent } = useDeskSession();
  const [signingOut, setSigningOut] = useState(false);

  const signOut = () => {
    setSigningOut(true);
    void auth.signOut();
  };

  return (
    <header className="desk-header">
      <span className="desk-header__brand">{t('app.name')}</span>
      <ConnectionIndicator />
      <span className="desk-header__spacer" />
      <span className="desk-header__agent" data-testid="agent-name">
        {t('header.agent', { name: agent.name, level: agent.level })}
      </span>
      <LanguageSwitch />
      <button type="button" className="button" onClick={signOut} disabled={signingOut}>
        {t('header.signOut')}
      </button>
    </header>
  );
}
