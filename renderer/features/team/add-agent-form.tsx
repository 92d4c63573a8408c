import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVELS, ROLES, type Level, type Role } from '../../../core';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { NewPasswordField } from '../account/new-password-field';
import { ActionStatusMessage, IDLE, type ActionStatus } from './action-status';

const EMPTY = { name: '', email: '', password: '', role: 'agent' as Role, level: 1 as Level };

/** Admins only: creates an agent; a refusal (409 duplicate email, 400) keeps what was typed. */
export function AddAgentForm({ onAdded }: { onAdded(): Promise<void> }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [draft, setDraft] = useState(EMPTY);
  const [status, setStatus] = useState<ActionStatus>(IDLE);
  const [passwordAcceptable, setPasswordAcceptable] = useState(false);
  const onAcceptableChange = useCallback((value: boolean) => setPasswordAcceptable(value), []);
  const edit = (changes: Partial<typeof EMPTY>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setStatus((current) => (current.phase === 'saving' ? current : IDLE));
  };
  const complete = draft.name.trim() !== '' && draft.email.trim() !== '' && passwordAcceptable;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!complete || status.phase === 'saving') return;
    setStatus({ phase: 'saving' });
    try {
      await api.addAgent({ name: draft.name.trim(), email: draft.email.trim(), password: draft.password, role: draft.role, level: draft.level });
      setDraft(EMPTY);
      setStatus({ phase: 'saved' });
      await onAdded();
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <form className="team-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)}>
      <h4 id={`${id}-heading`}>{t('team.addAgentHeading')}</h4>
      <fieldset className="team-form__fields" disabled={status.phase === 'saving'}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('team.name')}</label>
          <input id={`${id}-name`} value={draft.name} required maxLength={120} onChange={(event) => edit({ name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('team.email')}</label>
          <input id={`${id}-email`} type="email" value={draft.email} required autoComplete="off" onChange={(event) => edit({ email: event.target.value })} />
        </div>
        <NewPasswordField
          id={`${id}-password`}
          label={t('team.password')}
          value={draft.password}
          onChange={(password) => edit({ password })}
          personal={[draft.email.trim(), draft.name.trim()]}
          onAcceptableChange={onAcceptableChange}
        />
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('team.role')}</label>
          <select id={`${id}-role`} value={draft.role} onChange={(event) => edit({ role: event.target.value as Role })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`team.roles.${role}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`}>{t('team.level')}</label>
          <select id={`${id}-level`} value={draft.level} onChange={(event) => edit({ level: Number(event.target.value) as Level })}>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {t('team.levelValue', { level })}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div className="sla-settings__save">
        <button type="submit" className="button button--primary" disabled={!complete || status.phase === 'saving'}>
          {status.phase === 'saving' ? t('team.saving') : t('team.addAgent')}
        </button>
        <ActionStatusMessage status={status} testId="team-add-agent" />
      </div>
    </form>
  );
}
