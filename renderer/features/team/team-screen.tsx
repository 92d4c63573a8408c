import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamAgent, TeamGroup } from '../../api/team';
import { useDeskApi, useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { OnlineAdminScreen } from '../admin/online-admin-screen';
import { AgentsSection } from './agents-section';
import { GroupsSection } from './groups-section';

type Loaded = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'loaded'; agents: TeamAgent[]; groups: TeamGroup[] };

/**
 * Agents and groups, read and written straight on the server (/api/agents, /api/groups): they are
 * not replicated, so the screen works online only. Supervisors see them read-only; admins add and
 * change agents, create groups and replace a group's members. A refusal shows the server's reason.
 */
export function TeamScreen() {
  const { t } = useTranslation();
  const { agent } = useDeskSession();
  return (
    <OnlineAdminScreen headingId="team-heading" className="team" title={t('team.title')} backLabel={t('team.back')} offlineLabel={t('team.offline')}>
      <TeamLoader editable={agent.role === 'admin'} selfId={agent.id} />
    </OnlineAdminScreen>
  );
}

function TeamLoader({ editable, selfId }: { editable: boolean; selfId: string }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const [loaded, setLoaded] = useState<Loaded>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ phase: 'loading' });
    Promise.all([api.loadAgents(abort.signal), api.loadGroups(abort.signal)])
      .then(([agents, groups]) => setLoaded({ phase: 'loaded', agents, groups }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setLoaded({ phase: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api, attempt]);

  // After a change the server's lists are the record (a new agent also joins the General group).
  // A failed refresh keeps what is shown: the change itself already succeeded.
  const refresh = useCallback(async () => {
    const [agents, groups] = await Promise.all([api.loadAgents(), api.loadGroups()]).catch(() => [null, null] as const);
    if (agents && groups) setLoaded({ phase: 'loaded', agents, groups });
  }, [api]);

  const replaceAgent = useCallback((agent: TeamAgent) => {
    setLoaded((current) => (current.phase === 'loaded' ? { ...current, agents: current.agents.map((a) => (a.id === agent.id ? agent : a)) } : current));
  }, []);

  if (loaded.phase === 'loading') return <p className="pane-message">{t('team.loading')}</p>;
  if (loaded.phase === 'failed') {
    return (
      <div className="sla-settings__failure">
        <p className="notice notice--error" role="alert">
          {t('team.loadFailed', { message: loaded.message })}
        </p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('team.retry')}
        </button>
      </div>
    );
  }
  return (
    <div className="sla-settings__form">
      {!editable && <p className="notice notice--warning">{t('team.readOnly')}</p>}
      <AgentsSection agents={loaded.agents} editable={editable} selfId={selfId} onAdded={refresh} onChanged={replaceAgent} />
      <GroupsSection groups={loaded.groups} agents={loaded.agents} editable={editable} onCreated={refresh} />
    </div>
  );
}
