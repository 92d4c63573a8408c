import { useCallback, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamAgent } from '../../api/team';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import { NewPasswordField } from './new-password-field';

/**
 * Admins, in the Team screen's row of another agent: a new password that passes the policy. The
 * server signs that agent out everywhere at once.
 */
export function ResetPasswordForm({ agent, onClose }: { agent: TeamAgent; onClose(): void }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const id = useId();
  const [password, setPassword] = useState('');
  const [acceptable, setAcceptable] = useState(false);
  const [status, setStatus] = useState<{ phase: 'idle' } | { phase: 'saving' } | { phase: 'done'; sessionsEnded: number } | { phase: 'failed'; message: string }>({ phase: 'idle' });
  const onAcceptableChange = useCallback((value: boolean) => setAcceptable(value), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!acceptable || status.phase === 'saving') return;
    setStatus({ phase: 'saving' });
    try {
      const { sessionsEnded } = await api.resetAgentPassword(agent.id, password);
      setPassword('');
      setStatus({ phase: 'done', sessionsEnded });
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <form className="team-confirm" aria-label={t('account.reset.heading', { name: agent.name })} onSubmit={(event) => void submit(event)}>
      <NewPasswordField id={id} label={t('account.reset.heading', { name: agent.name })} value={password} onChange={setPassword} personal={[agent.email, agent.name]} onAcceptableChange={onAcceptableChange} />
      {status.phase === 'done' && (
        <span className="team__saved" role="status">
          {t('account.reset.done', { count: status.sessionsEnded })}
        </span>
      )}
      {status.phase === 'failed' && (
        <p className="notice notice--error" role="alert">
          {t('account.failed', { message: status.message })}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button button--small button--primary" disabled={!acceptable || status.phase === 'saving'}>
          {t('account.reset.submit')}
        </button>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('team.cancel')}
        </button>
      </div>
    </form>
  );
}
