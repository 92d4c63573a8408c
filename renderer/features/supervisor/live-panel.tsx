import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { sumTeamWork, type AgentLiveKpi, type KpiLiveSnapshot } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import type { TicketView } from '../../sync/desk-session';
import { useConnection } from '../connection/use-connection';
import { useAgentDirectory } from '../directory/use-agent-directory';
import { sortAgents } from './agent-sort';
import { AgentList } from './agent-list';
import { hourSeries } from './hour-series';
import { KpiCharts } from './kpi-charts';
import { agentsInScope, teamsInScope, ticketsInScope } from './kpi-scope';
import { ReassignList } from './reassign-list';
import { useSupervisorView } from './supervisor-view-store';
import { TeamTiles } from './team-tiles';
import { useReassign, type ReassignAgent } from './use-reassign';

const NO_TICKETS: TicketView[] = [];

/**
 * The live part of the workload screen. Figures come only from the session's live snapshot (null
 * while offline or before the first one: then it says so instead of showing stale numbers); the
 * ticket list comes from the local queue, so reassigning keeps working offline.
 */
export function LivePanel({ snapshot }: { snapshot: KpiLiveSnapshot | null }) {
  const { t } = useTranslation();
  const session = useDeskSession();
  const { status } = useConnection();
  const directory = useAgentDirectory();
  const scope = useSupervisorView((state) => state.scope);
  const sort = useSupervisorView((state) => state.sort);
  const { assign, announcement } = useReassign();

  const open$ = useMemo(() => session.queue$({ view: 'all', status: 'open' }), [session]);
  const openTickets = useObservable(open$, NO_TICKETS);
  const tickets = useMemo(() => ticketsInScope(openTickets, scope), [openTickets, scope]);

  const live = useMemo(() => {
    if (!snapshot) return null;
    const teams = teamsInScope(snapshot.teams, scope);
    return {
      agents: sortAgents(agentsInScope(snapshot.agents, scope), sort),
      figures: sumTeamWork(teams),
      hours: hourSeries(teams, snapshot.dayStart, snapshot.at),
    };
  }, [snapshot, scope, sort]);

  // Without live figures (offline) the menu still offers the active agents the directory knows.
  const choices = useMemo<ReassignAgent[]>(
    () =>
      live
        ? live.agents.map((agent) => ({ id: agent.agentId, name: agent.name }))
        : directory.agents.filter((agent) => agent.active).map((agent) => ({ id: agent.id, name: agent.name })),
    [live, directory.agents],
  );

  const nameOf = useCallback(
    (agentId: string) => snapshot?.agents.find((agent) => agent.agentId === agentId)?.name ?? directory.find(agentId)?.name ?? null,
    [snapshot, directory],
  );

  const onDropTicket = useCallback(
    (ticketId: string, agent: AgentLiveKpi) => {
      const ticket = openTickets.find((candidate) => candidate.id === ticketId);
      if (ticket) void assign(ticket, { id: agent.agentId, name: agent.name });
    },
    [openTickets, assign],
  );

  return (
    <div className="supervisor-live">
      <div className="supervisor-live__main">
        {live && snapshot ? (
          <>
            <TeamTiles figures={live.figures} hours={live.hours} />
            <AgentList agents={live.agents} onDropTicket={onDropTicket} />
            <KpiCharts hours={live.hours} timeZone={snapshot.timeZone} />
          </>
        ) : (
          <p className="pane-message" role="status" data-testid="live-waiting">
            {status === 'offline' ? t('supervisor.live.offline') : t('supervisor.live.waiting')}
          </p>
        )}
      </div>
      <ReassignList
        tickets={tickets}
        agents={choices}
        nameOf={nameOf}
        offline={status === 'offline'}
        announcement={announcement}
        onAssign={(ticket, agent) => void assign(ticket, agent)}
      />
    </div>
  );
}
