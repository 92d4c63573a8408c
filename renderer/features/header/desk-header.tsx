import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices, useDeskSession } from '../../app/app-context';
import { useUiStore } from '../../state/ui-store';
import { AlertPreferencesPanel } from '../alerts/alert-preferences-panel';
import { ConnectionIndicator } from '../connection/connection-indicator';
import { LanguageSwitch } from '../language/language-switch';
import { PresenceToggle } from '../presence/presence-toggle';
import { SearchBox } from '../search/search-box';

export function DeskHeader() {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const { agent } = useDeskSession();
  const [signingOut, setSigningOut] = useState(false);
  const screen = useUiStore((state) => state.screen);
  const showScreen = useUiStore((state) => state.showScreen);
  // Supervisors read the SLA settings and the team, admins change them; agents have nothing to do there.
  const seesAdminScreens = agent.role === 'supervisor' || agent.role === 'admin';

  const signOut = () => {
    setSigningOut(true);
    void auth.signOut();
  };

  return (
    <header className="desk-header">
      <span className="desk-header__brand">{t('app.name')}</span>
      <ConnectionIndicator />
      <PresenceToggle />
      <SearchBox />
      <span className="desk-header__spacer" />
      <button type="button" className="button" aria-pressed={screen === 'knowledge'} onClick={() => showScreen(screen === 'knowledge' ? 'desk' : 'knowledge')}>
        {t('knowledge.headerButton')}
      </button>
      <button type="button" className="button" aria-pressed={screen === 'templates'} onClick={() => showScreen(screen === 'templates' ? 'desk' : 'templates')}>
        {t('templates.headerButton')}
      </button>
      {seesAdminScreens && (
        <>
          <button
            type="button"
            className="button"
            aria-pressed={screen === 'workload'}
            onClick={() => showScreen(screen === 'workload' ? 'desk' : 'workload')}
          >
            {t('header.workload')}
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={screen === 'sla'}
            onClick={() => showScreen(screen === 'sla' ? 'desk' : 'sla')}
          >
            {t('header.slaSettings')}
          </button>
          <button
            type="button"
            className="button"
            aria-pressed={screen === 'team'}
            onClick={() => showScreen(screen === 'team' ? 'desk' : 'team')}
          >
            {t('header.team')}
          </button>
        </>
      )}
      {agent.role === 'admin' && (
        <button type="button" className="button" aria-pressed={screen === 'mailboxes'} onClick={() => showScreen(screen === 'mailboxes' ? 'desk' : 'mailboxes')}>
          {t('mailboxes.headerButton')}
        </button>
      )}
      {agent.role === 'admin' && (
        <button type="button" className="button" aria-pressed={screen === 'security'} onClick={() => showScreen(screen === 'security' ? 'desk' : 'security')}>
          {t('securityLog.headerButton')}
        </button>
      )}
      <button type="button" className="button" aria-pressed={screen === 'spam'} onClick={() => showScreen(screen === 'spam' ? 'desk' : 'spam')}>
        {t('spam.headerButton')}
      </button>
      <button type="button" className="button" aria-pressed={screen === 'account'} onClick={() => showScreen(screen === 'account' ? 'desk' : 'account')}>
        {t('account.headerButton')}
      </button>
      {/* A disclosure rather than a screen: the agent tunes sound and reminders without leaving the queue. */}
      <details className="header-menu">
        <summary className="button">{t('alerts.heading')}</summary>
        <div className="header-menu__panel">
          <AlertPreferencesPanel />
        </div>
      </details>
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
