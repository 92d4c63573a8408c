import { useTranslation } from 'react-i18next';
import type { AgentLiveKpi } from '../../../core';
import { AGENT_SORT_KEYS, type AgentSortKey, type SortDirection } from './agent-sort';
import { AgentRow } from './agent-row';
import { useSupervisorView } from './supervisor-view-store';

type AgentListProps = {
  /** Already filtered and sorted. */
  agents: readonly AgentLiveKpi[];
  onDropTicket(ticketId: string, agent: AgentLiveKpi): void;
};

/** The agents in scope with the sort controls above them. */
export function AgentList({ agents, onDropTicket }: AgentListProps) {
  const { t } = useTranslation();
  const sort = useSupervisorView((state) => state.sort);
  const setSortKey = useSupervisorView((state) => state.setSortKey);
  const setSortDirection = useSupervisorView((state) => state.setSortDirection);

  return (
    <section className="supervisor-agents" aria-labelledby="supervisor-agents-heading">
      <div className="supervisor-section__top">
        <h3 id="supervisor-agents-heading">
          {t('supervisor.live.agentsHeading')} <span className="supervisor-muted">({t('supervisor.live.agentsCount', { count: agents.length })})</span>
        </h3>
        <div className="supervisor-sort">
          <label className="field field--inline">
            {t('supervisor.filters.sort')}
            <select value={sort.key} onChange={(event) => setSortKey(event.target.value as AgentSortKey)}>
              {AGENT_SORT_KEYS.map((key) => (
                <option key={key} value={key}>
                  {t(`supervisor.filters.sortKeys.${key}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field field--inline">
            {t('supervisor.filters.order')}
            <select value={sort.direction} onChange={(event) => setSortDirection(event.target.value as SortDirection)}>
              <option value="ascending">{t('supervisor.filters.ascending')}</option>
              <option value="descending">{t('supervisor.filters.descending')}</option>
            </select>
          </label>
        </div>
      </div>
      {agents.length === 0 ? (
        <p className="pane-message">{t('supervisor.live.noAgents')}</p>
      ) : (
        <ul className="supervisor-agent-list" aria-labelledby="supervisor-agents-heading">
          {agents.map((agent) => (
            <AgentRow key={agent.agentId} agent={agent} onDropTicket={onDropTicket} />
          ))}
        </ul>
      )}
    </section>
  );
}
