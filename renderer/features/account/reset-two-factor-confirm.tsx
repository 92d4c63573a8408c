import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamAgent } from '../../api/team';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';

/** Admins, in the Team screen's row of another agent: turns off a second factor its owner lost, after a confirmation. */
export function ResetTwoFactorConfirm({ agent, onClose }: { agent: TeamAgent; onClose(): void }) {
  const { t } = useTranslation();
  const api = useDeskApi();
  const [status, setStatus] = useState<{ phase: 'asking' } | { phase: 'saving' } | { phase: 'done' } | { phase: 'failed'; message: string }>({ phase: 'asking' });

  const reset = async () => {
    setStatus({ phase: 'saving' });
    try {
      await api.resetAgentTwoFactor(agent.id);
      setStatus({ phase: 'done' });
    } catch (error) {
      setStatus({ phase: 'failed', message: errorMessage(error) });
    }
  };

  return (
    <div role="alertdialog" aria-label={t('account.resetTwoFactor.action')} className="team-confirm">
      {status.phase === 'done' ? (
        <span className="team__saved" role="status">
          {t('account.resetTwoFactor.done', { name: agent.name })}
        </span>
      ) : (
        <p className="notice notice--warning">{t('account.resetTwoFactor.confirm', { name: agent.name })}</p>
      )}
      {status.phase === 'failed' && (
        <p className="notice notice--error" role="alert">
          {t('account.failed', { message: status.message })}
        </p>
      )}
      <div className="button-row">
        {status.phase !== 'done' && (
          <button type="button" className="button button--small button--primary" disabled={status.phase === 'saving'} onClick={() => void reset()}>
            {t('account.resetTwoFactor.yes')}
          </button>
        )}
        <button type="button" className="button button--small" onClick={onClose}>
          {t('team.cancel')}
        </button>
      </div>
    </div>
  );
}
