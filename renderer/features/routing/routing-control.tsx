import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canManageAssignments, FINAL_STATUSES, LEVELS, LevelSchema, type Level } from '../../../core';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import type { TicketView } from '../../sync/desk-session';
import type { RecordIntent } from '../ticket/use-record-intent';
import type { GroupDirectoryView } from './use-group-directory';

/** A select's value cannot be null: the empty string stands for "no group" (tickets older than groups). */
const NO_GROUP = '';

type Placement = { groupId: string; level: Level };
type GroupOption = { value: string; label: string; disabled?: boolean };

/**
 * Supervisors and admins move a ticket to another group or line by hand: choosing in the selects
 * records nothing; "Move ticket" records `setRouting`, which clears the assignee so that routing
 * assigns it again. Works offline from the cached group names (recorded now, synced later).
 * Closed and canceled tickets cannot move, so nothing is offered.
 */
export function RoutingControl({ ticket, record, directory }: { ticket: TicketView; record: RecordIntent; directory: GroupDirectoryView }) {
  const { t, i18n } = useTranslation();
  const session = useDeskSession();
  const connection = useObservable(session.connection$, null);
  const groupSelectId = useId();
  const lineSelectId = useId();
  const hintId = useId();
  // null: nothing chosen yet, the selects show where the ticket is now (and follow it live).
  const [draft, setDraft] = useState<Placement | null>(null);

  if (!canManageAssignments(session.agent) || FINAL_STATUSES.includes(ticket.status)) return null;

  const current: Placement = { groupId: ticket.groupId ?? NO_GROUP, level: ticket.level };
  const chosen = draft ?? current;
  const changed = chosen.groupId !== current.groupId || chosen.level !== current.level;
  const canMove = changed && chosen.groupId !== NO_GROUP;

  const options: GroupOption[] = [...directory.groups]
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language))
    .map((group) => ({ value: group.id, label: group.name }));
  // The select must be able to show where the ticket is now, even when the list leaves it out:
  // no group at all, or a group the cache does not know yet (never fetched, or added since).
  if (current.groupId === NO_GROUP) options.unshift({ value: NO_GROUP, label: t('routing.groupNone'), disabled: true });
  else if (!directory.find(current.groupId)) options.unshift({ value: current.groupId, label: t('routing.groupUnknown') });

  const move = async () => {
    if (!canMove) return;
    if (await record('setRouting', { groupId: chosen.groupId, level: chosen.level })) setDraft(null);
  };

  return (
    <fieldset className="routing-control" aria-describedby={hintId}>
      <legend>{t('routing.move.heading')}</legend>
      <div className="routing-control__fields">
        <div className="field">
          <label htmlFor={groupSelectId}>{t('routing.move.group')}</label>
          <select id={groupSelectId} value={chosen.groupId} onChange={(event) => setDraft({ ...chosen, groupId: event.target.value })}>
            {options.map((option) => (
              <option key={option.value} value={option.value} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={lineSelectId}>{t('routing.move.line')}</label>
          <select
            id={lineSelectId}
            value={chosen.level}
            onChange={(event) => setDraft({ ...chosen, level: LevelSchema.parse(Number(event.target.value)) })}
          >
            {LEVELS.map((level) => (
              <option key={level} value={level} title={t('routing.lineTitle', { level })}>
                {t('routing.lineBadge', { level })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={hintId} className="field__hint">
        {t('routing.move.hint')}
      </p>
      {directory.groups.length === 0 && <p className="field__hint">{t('routing.move.noGroups')}</p>}
      {changed && connection?.status === 'offline' && <p className="notice notice--warning">{t('routing.move.offline')}</p>}
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={!canMove} onClick={() => void move()}>
          {t('routing.move.confirm')}
        </button>
        {changed && (
          <button type="button" className="button" onClick={() => setDraft(null)}>
            {t('routing.move.reset')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
