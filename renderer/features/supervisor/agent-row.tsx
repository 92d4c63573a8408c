import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KPI_OPEN_STATUSES, type AgentLiveKpi } from '../../../core';
import { PresenceDot } from '../presence/presence-dot';
import { loadShare } from './agent-sort';
import { formatNumber, formatStat } from './kpi-format';
import { carriesTicket, droppedTicketId } from './ticket-drag';

type AgentRowProps = {
  agent: AgentLiveKpi;
  /** A ticket card was dropped on this row. */
  onDropTicket(ticketId: string, agent: AgentLiveKpi): void;
};

/** One agent, live: presence, load against capacity, today's figures and open work; a drop target for ticket cards. */
export function AgentRow({ agent, onDropTicket }: AgentRowProps) {
  const { t, i18n } = useTranslation();
  const [dropping, setDropping] = useState(false);
  const nameId = `supervisor-agent-${agent.agentId}`;
  const share = loadShare(agent);
  const loadText = t('supervisor.agent.loadValue', { load: formatNumber(i18n.language, agent.load), capacity: formatNumber(i18n.language, agent.capacity) });

  const onDragOver = (event: DragEvent) => {
    if (!carriesTicket(event)) return;
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = 'move';
    setDropping(true);
  };
  const onDragLeave = (event: DragEvent<HTMLElement>) => {
    // Leaving for one of the row's own children is not leaving the row.
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setDropping(false);
  };
  const onDrop = (event: DragEvent) => {
    const ticketId = droppedTicketId(event);
    setDropping(false);
    if (!ticketId) return;
    event.preventDefault();
    onDropTicket(ticketId, agent);
  };

  const className = ['supervisor-agent', dropping && 'supervisor-agent--drop', share > 1 && 'supervisor-agent--over'].filter(Boolean).join(' ');
  return (
    <li
      className={className}
      aria-labelledby={nameId}
      data-testid="agent-row"
      data-agent-id={agent.agentId}
      onDragOver={onDragOver}
      onDragEnter={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <div className="supervisor-agent__who">
        <PresenceDot presence={agent.presence} label="visible" />
        <h4 id={nameId} className="supervisor-agent__name">
          {agent.name}
        </h4>
      </div>
      <div className="supervisor-agent__load">
        <div
          className="supervisor-load"
          role="meter"
          aria-label={t('supervisor.agent.loadOf', { name: agent.name })}
          aria-valuemin={0}
          aria-valuemax={Math.max(agent.capacity, agent.load, 1)}
          aria-valuenow={agent.load}
          aria-valuetext={loadText}
        >
          <span className="supervisor-load__fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
        <span className="supervisor-load__text" data-testid="agent-load" aria-hidden="true">
          {loadText}
        </span>
      </div>
      <dl className="supervisor-agent__figures">
        <div>
          <dt>{t('supervisor.agent.firstResponseToday')}</dt>
          <dd data-testid="agent-frt">{formatStat(t, agent.firstResponseToday.medianMs)}</dd>
        </div>
        <div>
          <dt>{t('supervisor.agent.solvedToday')}</dt>
          <dd data-testid="agent-solved">{agent.solvedToday}</dd>
        </div>
        <div>
          <dt>{t('supervisor.agent.assignedToday')}</dt>
          <dd data-testid="agent-assigned">{agent.assignedToday}</dd>
        </div>
      </dl>
      <ul className="supervisor-agent__statuses" aria-label={t('supervisor.agent.openByStatus')} data-testid="agent-open">
        {KPI_OPEN_STATUSES.map((status) => (
          <li key={status} className={agent.openByStatus[status] === 0 ? 'supervisor-count supervisor-count--zero' : 'supervisor-count'}>
            {t(`status.${status}`)} <strong>{agent.openByStatus[status]}</strong>
          </li>
        ))}
      </ul>
    </li>
  );
}
