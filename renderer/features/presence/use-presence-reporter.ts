import { useEffect } from 'react';
import { useAppServices, useDeskSession } from '../../app/app-context';
import { usePresenceSettings } from './presence-settings';
import { useIdle } from './use-idle';

/**
 * Tells the server whether the agent is at the desk: call it once, in the desk screen.
 *
 * "Away" chosen by hand wins (reported with manual: true); otherwise the agent is away after
 * `idleMinutes` without input (manual: false), and online again on the next input. It reports once
 * at mount and then only on change; the session keeps the last report and resends it after every
 * reconnect, so reporting while offline is not lost.
 */
export function usePresenceReporter(): void {
  const session = useDeskSession();
  const { platform } = useAppServices();
  const agentId = session.agent.id;
  const manualAway = usePresenceSettings((state) => state.manualAway[agentId] === true);
  const idleMinutes = usePresenceSettings((state) => state.idleMinutes);
  const idle = useIdle(platform, idleMinutes * 60);
  const state = manualAway || idle ? 'away' : 'online';

  useEffect(() => {
    session.reportPresence({ state, manual: manualAway });
  }, [session, state, manualAway]);
}
