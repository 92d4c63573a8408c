import { useMemo } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { EnrolmentScreen } from '../features/account/enrolment-screen';
import { DeskScreen } from '../features/desk/desk-screen';
import { SignInScreen } from '../features/sign-in/sign-in-screen';
import { i18n } from '../i18n/i18n';
import type { Platform } from '../platform/platform';
import { useObservable } from '../state/use-observable';
import { AgentDirectoryContext, AppServicesContext, DeskApiContext, DeskSessionContext } from './app-context';
import type { AuthState, DeskAuth } from './desk-auth';

const RESTORING: AuthState = { phase: 'restoring' };

/** The root: the sign-in screen or the signed-in agent's desk. */
export function App({ platform, auth }: { platform: Platform; auth: DeskAuth }) {
  const services = useMemo(() => ({ platform, auth }), [platform, auth]);
  const state = useObservable(auth.state$, RESTORING);

  return (
    <I18nextProvider i18n={i18n}>
      <AppServicesContext.Provider value={services}>
        {state.phase === 'restoring' && <Splash />}
        {state.phase === 'signed_out' && <SignInScreen notice={state.notice} />}
        {state.phase === 'enrolling' && <EnrolmentScreen enrolment={state.enrolment} />}
        {state.phase === 'signed_in' && (
          <DeskSessionContext.Provider value={state.session}>
            <AgentDirectoryContext.Provider value={state.directory}>
              <DeskApiContext.Provider value={state.api}>
                <DeskScreen />
              </DeskApiContext.Provider>
            </AgentDirectoryContext.Provider>
          </DeskSessionContext.Provider>
        )}
      </AppServicesContext.Provider>
    </I18nextProvider>
  );
}

function Splash() {
  const { t } = useTranslation();
  return (
    <p className="splash" role="status">
      {t('app.loading')}
    </p>
  );
}
