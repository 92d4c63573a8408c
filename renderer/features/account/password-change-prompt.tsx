import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { useUiStore } from '../../state/ui-store';

/**
 * Asks an agent whose password fails today's policy to change it. Dismissible; it comes back at
 * the next sign-in until the password is changed (the server says so with each sign-in).
 */
export function PasswordChangePrompt() {
  const { t } = useTranslation();
  const { auth } = useAppServices();
  const state$ = useMemo(() => auth.state$, [auth]);
  const state = useObservable(state$, null);
  const [dismissed, setDismissed] = useState(false);
  const showScreen = useUiStore((store) => store.showScreen);
  const screen = useUiStore((store) => store.screen);
  if (dismissed || state?.phase !== 'signed_in' || !state.passwordChangeRequired || screen === 'account') return null;
  return (
    <div className="notice notice--warning password-prompt" role="alert" data-testid="password-change-prompt">
      <span>{t('account.prompt.text')}</span>
      <div className="button-row">
        <button type="button" className="button button--small button--primary" onClick={() => showScreen('account')}>
          {t('account.prompt.change')}
        </button>
        <button type="button" className="button button--small" onClick={() => setDismissed(true)}>
          {t('account.prompt.dismiss')}
        </button>
      </div>
    </div>
  );
}
