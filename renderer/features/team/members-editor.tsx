import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CAPACITY, LEVELS, type GroupMember, type Level } from '../../../core';
import type { TeamAgent, TeamGroup } from '../../api/team';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { ActionStatusMessage, IDLE, type ActionStatus } from './action-status';

/** One row as typed: capacity stays text so that a half-typed number is not rewritten under the cursor. */
type MemberDraft = { key: number; agentId: string; level: Level; capacity: string };

let nextKey = 0;
const toDraft = (member: GroupMember): MemberDraft => ({ key: ++nextKey, agentId: member.agentId, level: member.level, capacity: String(member.capacity) });

export function isCapacity(text: string): boolean {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= 100;
}

/**
 * A group's members. Admins edit rows (agent, line, capacity) and save the whole list at once
 * (PUT replaces it on the server); others see the list read-only.
 */
export function MembersEditor({ group, agents, editable }: { group: TeamGroup; agents: TeamAgent[]; editable: boolean }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const [rows, setRows] = useState<MemberDraft[]>(() => group.members.map(toDraft));
  const [status, setStatus] = useState<ActionStatus>(IDLE);
  const nameOf = (agentId: string) => {
    const agent = agents.find((candidate) => candidate.id === agentId);
    if (!agent) return t('team.unknownAgent');
    return agent.active ? agent.name : t('team.inactiveAgent', { name: agent.name });
  };

  if (!editable) {
    if (group.members.length === 0) return <p className="field__hint">{t('team.noMembers')}</p>;
    return (
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">{t('team.agent')}</th>
            <th scope="col">{t('team.level')}</th>
            <th scope="col">{t('team.capacity')}</th>
          </tr>
        </thead>
        <tbody>
          {group.members.map((member) => (
            <tr key={member.agentId}>
              <td>{nameOf(member.agentId)}</td>
              <td>{t('team.levelValue', { level: member.level })}</td>
              <td>{member.capacity}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  const edit = (next: MemberDraft[]) => {
    setRows(next);
    setStatus((current) => (current.phase === 'saving' ? current : IDLE));
  };
  const update = (key: number, changes: Partial<MemberDraft>) => edit(rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  const unlisted = agents.filter((agent) => agent.active && !rows.some((row) => row.agentId === agent.id));
  const valid = rows.every((row) => isCapacity(row.capacity));

  const addMember = () => {
    const agent = unlisted[0];
    if (agent) edit([...rows, { key: ++nextKey, agentId: agent.id, level: agent.level, capacity: String(DEFAULT_CAPACITY) }]);
  };

  const save = async () => {
    if (!valid || status.phase === 'saving') return;
    setStatus({ phase: 'saving' });
    try {
      const stored = await api.saveGroupMembers(
        group.id,
        rows.map((row) => ({ agentId: row.agentId, level: row.level, capacity: Number(row.capacity) })),
      );
      setRows(stored.map(toDraft));
      setStatus({ phase: 'saved' });
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <div className="team-members">
      {rows.length === 0 && <p className="field__hint">{t('team.noMembers')}</p>}
      {rows.map((row, index) => {
        const n = index + 1;
        // An agent already on another row is not offered again (the server refuses duplicates).
        const choices = agents.filter((agent) => agent.id === row.agentId || (agent.active && !rows.some((other) => other.agentId === agent.id)));
        return (
          <div key={row.key} className="team-members__row" data-testid="team-member">
            <select aria-label={t('team.memberAgent', { n })} value={row.agentId} onChange={(event) => update(row.key, { agentId: event.target.value })}>
              {!choices.some((agent) => agent.id === row.agentId) && <option value={row.agentId}>{nameOf(row.agentId)}</option>}
              {choices.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {nameOf(agent.id)}
                </option>
              ))}
            </select>
            <select aria-label={t('team.memberLevel', { n })} value={row.level} onChange={(event) => update(row.key, { level: Number(event.target.value) as Level })}>
              {LEVELS.map((level) => (
                <option key={level} value={level}>
                  {t('team.levelValue', { level })}
                </option>
              ))}
            </select>
            <input
              type="number"
              min={1}
              max={100}
              step={1}
              aria-label={t('team.memberCapacity', { n })}
              aria-invalid={!isCapacity(row.capacity)}
              value={row.capacity}
              onChange={(event) => update(row.key, { capacity: event.target.value })}
            />
            <button
              type="button"
              className="button button--small"
              aria-label={t('team.removeMember', { n })}
              onClick={() => edit(rows.filter((other) => other.key !== row.key))}
            >
              {t('team.remove')}
            </button>
          </div>
        );
      })}
      {!valid && <p className="field__hint field__hint--error">{t('team.capacityInvalid')}</p>}
      <div className="sla-settings__save">
        <button type="button" className="button" disabled={unlisted.length === 0} onClick={addMember}>
          {t('team.addMember')}
        </button>
        <button type="button" className="button button--primary" disabled={!valid || status.phase === 'saving'} onClick={() => void save()}>
          {status.phase === 'saving' ? t('team.saving') : t('team.saveMembers')}
        </button>
        <ActionStatusMessage status={status} testId={`team-members-${group.id}`} />
      </div>
    </div>
  );
}
