import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVELS, ROLES, type Level, type Role } from '../../../core';
import type { TeamAgent, TeamAgentChanges } from '../../api/team';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { ResetPasswordForm } from '../account/reset-password-form';
import { ResetTwoFactorConfirm } from '../account/reset-two-factor-confirm';
import { ActionStatusMessage, IDLE, type ActionStatus } from './action-status';
import { AddAgentForm } from './add-agent-form';

type AgentsSectionProps = {
  agents: TeamAgent[];
  editable: boolean;
  selfId: string;
  onAdded(): Promise<void>;
  onChanged(agent: TeamAgent): void;
};

/** The agents table; admins edit name, role and line in place and (re)activate agents. */
export function AgentsSection({ agents, editable, selfId, onAdded, onChanged }: AgentsSectionProps) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const headingId = useId();
  const [status, setStatus] = useState<ActionStatus>(IDLE);

  const change = async (id: string, changes: TeamAgentChanges): Promise<boolean> => {
    setStatus({ phase: 'saving' });
    try {
      onChanged(await api.changeAgent(id, changes));
      setStatus({ phase: 'saved' });
      return true;
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
      return false;
    }
  };

  return (
    <section className="sla-settings__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('team.agentsHeading')}</h3>
      <table className="team-table">
        <thead>
          <tr>
            <th scope="col">{t('team.name')}</th>
            <th scope="col">{t('team.email')}</th>
            <th scope="col">{t('team.role')}</th>
            <th scope="col">{t('team.level')}</th>
            <th scope="col">{t('team.active')}</th>
            {editable && <th scope="col">{t('team.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <AgentRow key={agent.id} agent={agent} editable={editable} isSelf={agent.id === selfId} busy={status.phase === 'saving'} onChange={(changes) => change(agent.id, changes)} />
          ))}
        </tbody>
      </table>
      <ActionStatusMessage status={status} testId="team-agents" />
      {editable && <AddAgentForm onAdded={onAdded} />}
    </section>
  );
}

type AgentRowProps = { agent: TeamAgent; editable: boolean; isSelf: boolean; busy: boolean; onChange(changes: TeamAgentChanges): Promise<boolean> };

function AgentRow({ agent, editable, isSelf, busy, onChange }: AgentRowProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm' | 'reset' | 'reset2fa'>('view');
  const [draft, setDraft] = useState({ name: agent.name, role: agent.role, level: agent.level });

  const startEditing = () => {
    setDraft({ name: agent.name, role: agent.role, level: agent.level });
    setMode('edit');
  };

  const saveEdit = async () => {
    if (await onChange({ name: draft.name.trim(), role: draft.role, level: draft.level })) setMode('view');
  };

  const deactivate = async () => {
    if (await onChange({ active: false })) setMode('view');
  };

  const editing = mode === 'edit';
  return (
    <tr data-testid="team-agent" aria-label={agent.name}>
      <td>
        {editing ? (
          <input aria-label={t('team.name')} value={draft.name} required maxLength={120} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        ) : (
          <>
            {agent.name}
            {isSelf && <span className="field__hint"> {t('team.you')}</span>}
          </>
        )}
      </td>
      <td>{agent.email}</td>
      <td>
        {editing ? (
          <select aria-label={t('team.role')} value={draft.role} onChange={(event) => setDraft({ ...draft, role: event.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`team.roles.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          t(`team.roles.${agent.role}`)
        )}
      </td>
      <td>
        {editing ? (
          <select aria-label={t('team.level')} value={draft.level} onChange={(event) => setDraft({ ...draft, level: Number(event.target.value) as Level })}>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t('team.levelValue', { level })}
              </option>
            ))}
          </select>
        ) : (
          t('team.levelValue', { level: agent.level })
        )}
      </td>
      <td>{agent.active ? t('team.yes') : t('team.no')}</td>
      {editable && (
        <td>
          <div className="button-row">
            {mode === 'view' && (
              <>
                <button type="button" className="button button--small" disabled={busy} onClick={startEditing}>
                  {t('team.edit')}
                </button>
                {agent.active && !isSelf && (
                  <button type="button" className="button button--small" disabled={busy} onClick={() => setMode('confirm')}>
                    {t('team.deactivate')}
                  </button>
                )}
                {!agent.active && (
                  <button type="button" className="button button--small" disabled={busy} onClick={() => void onChange({ active: true })}>
                    {t('team.reactivate')}
                  </button>
                )}
                {!isSelf && (
                  <>
                    <button type="button" className="button button--small" disabled={busy} onClick={() => setMode('reset')}>
                      {t('account.reset.action')}
                    </button>
                    <button type="button" className="button button--small" disabled={busy} onClick={() => setMode('reset2fa')}>
                      {t('account.resetTwoFactor.action')}
                    </button>
                  </>
                )}
              </>
            )}
            {editing && (
              // A form cannot wrap table cells, so the buttons submit through the handler directly.
              <>
                <button type="button" className="button button--small button--primary" disabled={busy || draft.name.trim() === ''} onClick={() => void saveEdit()}>
                  {t('team.save')}
                </button>
                <button type="button" className="button button--small" onClick={() => setMode('view')}>
                  {t('team.cancel')}
                </button>
              </>
            )}
            {mode === 'reset' && <ResetPasswordForm agent={agent} onClose={() => setMode('view')} />}
            {mode === 'reset2fa' && <ResetTwoFactorConfirm agent={agent} onClose={() => setMode('view')} />}
            {mode === 'confirm' && (
              <div role="alertdialog" aria-label={t('team.deactivate')} className="team-confirm">
                <p className="notice notice--warning">{t('team.confirmDeactivate', { name: agent.name })}</p>
                <button type="button" className="button button--small button--primary" disabled={busy} onClick={() => void deactivate()}>
                  {t('team.confirmDeactivateYes')}
                </button>
                <button type="button" className="button button--small" onClick={() => setMode('view')}>
                  {t('team.cancel')}
                </button>
              </div>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}
