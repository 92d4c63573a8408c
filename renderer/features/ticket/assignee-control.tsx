import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageAssignments, FINAL_STATUSES } from '../../../core';
import type { DirectoryAgent } from '../../api/directory';
import { useDeskSession } from '../../app/app-context';
import type { SessionAgent, TicketView } from '../../sync/desk-session';
import { useAgentDirectory } from '../directory/use-agent-directory';
import type { RecordIntent } from './use-record-intent';

/** A select's value cannot be null: the empty string stands for "nobody". */
const UNASSIGNED = '';

/**
 * Who works the ticket, as core's assign rules allow it: supervisors and admins pick anybody
 * active (or nobody); an agent can only hand their own ticket back to the queue (taking one is
 * the Take button). Closed and canceled tickets cannot be reassigned, so nothing is offered.
 */
export function AssigneeControl({ ticket, record }: { ticket: TicketView; record: RecordIntent }) {
  const { t } = useTranslation();
  const { agent } = useDeskSession();

  if (FINAL_STATUSES.includes(ticket.status)) return null;
  if (canManageAssignments(agent)) return <AssigneeSelect ticket={ticket} record={record} me={agent} />;
  if (ticket.assigneeId !== agent.id) return null;
  return (
    <button type="button" className="button" onClick={() => void record('assign', { assigneeId: null })}>
      {t('ticket.giveBack')}
    </button>
  );
}

type AssigneeOption = { value: string; label: string };

function AssigneeSelect({ ticket, record, me }: { ticket: TicketView; record: RecordIntent; me: SessionAgent }) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  const directory = useAgentDirectory();
  const current = ticket.assigneeId ?? UNASSIGNED;

  const options = useMemo(() => {
    const line = (agent: Pick<DirectoryAgent, 'name' | 'level'>) => t('ticket.assigneeOption', { name: agent.name, level: agent.level });
    const active = directory.agents
      .filter((agent) => agent.active)
      .sort((a, b) => a.name.localeCompare(b.name, i18n.language))
      .map((agent): AssigneeOption => ({ value: agent.id, label: line(agent) }));
    const list: AssigneeOption[] = [{ value: UNASSIGNED, label: t('ticket.assigneeNone') }, ...active];
    // The select must be able to show who has the ticket now, even when that is somebody the
    // list leaves out: a deactivated agent, or anyone while the directory was never fetched.
    if (current !== UNASSIGNED && !list.some((option) => option.value === current)) {
      const known = directory.find(current);
      const label = known
        ? t('ticket.assigneeInactive', { name: known.name })
        : current === me.id
          ? line(me)
          : t('ticket.assigneeOther');
      list.push({ value: current, label });
    }
    return list;
  }, [directory, current, me, t, i18n.language]);

  const choose = (value: string) => {
    if (value === current) return;
    void record('assign', { assigneeId: value === UNASSIGNED ? null : value });
  };

  return (
    <div className="field">
      <label htmlFor={selectId}>{t('ticket.assignee')}</label>
      <select id={selectId} value={current} onChange={(event) => choose(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
