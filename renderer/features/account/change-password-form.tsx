import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices, useDeskApi, useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { NewPasswordField } from './new-password-field';

type Status = { phase: 'idle' } | { phase: 'saving' } | { phase: 'changed'; sessionsEnded: number } | { phase: 'failed'; message: string };

/**
 * POST /api/account/password: the current password and a new one that passes the policy. The
 * server signs out every other session of the agent and keeps this one.
 */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const api = useDeskApi();
  const { auth } = useAppServices();
  const { agent } = useDeskSession();
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [acceptable, setAcceptable] = useState(false);
  const [status, setStatus] = useState<Status>({ phase: 'idle' });
  const onAcceptableChange = useCallback((value: boolean) => setAcceptable(value), []);
  const same = next !== '' && next === current;
  const ready = current !== '' && acceptable && !same && status.phase !== 'saving';

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!ready) return;
    setStatus({ phase: 'saving' });
    try {
      const { sessionsEnded } = await api.changePassword(current, next);
      setCurrent('');
      setNext('');
      setStatus({ phase: 'changed', sessionsEnded });
      auth.passwordChanged();
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <form className="team-form account-form" aria-labelledby={`${id}-heading`} onSubmit={(event) => void submit(event)}>
      <h3 id={`${id}-heading`}>{t('account.password.heading')}</h3>
      <fieldset className="team-form__fields" disabled={status.phase === 'saving'}>
        <div className="field">
          <label htmlFor={`${id}-current`}>{t('account.password.current')}</label>
          <input id={`${id}-current`} type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} />
        </div>
        <NewPasswordField id={`${id}-new`} label={t('account.password.new')} value={next} onChange={setNext} personal={[agent.email, agent.name]} onAcceptableChange={onAcceptableChange} />
      </fieldset>
      {same && <p className="field__hint field__hint--error">{t('account.password.same')}</p>}
      <div className="sla-settings__save">
        <button type="submit" className="button button--primary" disabled={!ready}>
          {status.phase === 'saving' ? t('account.password.saving') : t('account.password.submit')}
        </button>
        {status.phase === 'changed' && (
          <span className="team__saved" role="status">
            {t('account.password.changed', { count: status.sessionsEnded })}
          </span>
        )}
        {status.phase === 'failed' && (
          <p className="notice notice--error" role="alert">
            {t('account.failed', { message: status.message })}
          </p>
        )}
      </div>
    </form>
  );
}
