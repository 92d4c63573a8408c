import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FINAL_STATUSES, type Priority } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import type { TicketView } from '../../sync/desk-session';
import { AssigneeControl } from './assignee-control';
import { StatusControl } from './status-control';
import { useRecordIntent } from './use-record-intent';
import { PriorityOptions } from './priority-options';

/** Take, Assignee, Status and Priority: every change goes through session.record() as an intent. */
export function TicketActions({ ticket }: { ticket: TicketView }) {
  const { t } = useTranslation();
  const { agent } = useDeskSession();
  const priorityId = useId();
  const { record, failure } = useRecordIntent(ticket.id);
  const final = FINAL_STATUSES.includes(ticket.status);
  const canTake = ticket.assigneeId !== agent.id && !final;

  return (
    <div className="ticket-actions">
      {canTake && (
        <button type="button" className="button button--primary" onClick={() => void record('take', {})}>
          {t('ticket.take')}
        </button>
      )}
      <AssigneeControl ticket={ticket} record={record} />
      <StatusControl ticket={ticket} record={record} />
      <div className="field">
        <label htmlFor={priorityId}>{t('ticket.priority')}</label>
        <select
          id={priorityId}
          value={ticket.priority}
          disabled={final}
          onChange={(event) => void record('setPriority', { priority: event.target.value as Priority })}
        >
          <PriorityOptions />
        </select>
      </div>
      {failure !== null && (
        <p className="notice notice--error ticket-actions__failure" role="alert">
          {t('ticket.actionFailed', { message: failure })}
        </p>
      )}
    </div>
  );
}
