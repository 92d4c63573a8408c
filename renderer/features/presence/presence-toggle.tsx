import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Presence } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { PresenceDot } from './presence-dot';
import { usePresenceSettings } from './presence-settings';

/**
 * The header's presence control: what the server says about me (online / away / offline), and a
 * toggle to be away by hand. The toggle shows the agent's choice, which the console keeps even
 * offline; the dot shows the server's answer, so "Offline" means the team cannot see me.
 */
export function PresenceToggle() {
  const { t } = useTranslation();
  const session = useDeskSession();
  const hintId = useId();
  // Until the server answers, claim nothing: the console is not known to be online.
  const presence = useObservable<Presence>(session.myPresence$, 'offline');
  const manualAway = usePresenceSettings((state) => state.manualAway[session.agent.id] === true);
  const setManualAway = usePresenceSettings((state) => state.setManualAway);

  return (
    <div className="presence-toggle" role="group" aria-label={t('presence.mine')}>
      <span role="status" data-testid="my-presence">
        <PresenceDot presence={presence} label="visible" />
      </span>
      <button
        type="button"
        className="button presence-toggle__button"
        aria-pressed={manualAway}
        aria-describedby={hintId}
        title={t('presence.setAwayHint')}
        onClick={() => setManualAway(session.agent.id, !manualAway)}
      >
        {t('presence.setAway')}
      </button>
      <span id={hintId} className="visually-hidden">
        {t('presence.setAwayHint')}
      </span>
    </div>
  );
}
