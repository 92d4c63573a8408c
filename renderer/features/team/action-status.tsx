import { useTranslation } from 'react-i18next';

/** Where one admin action stands; a failure carries the server's own explanation. */
export type ActionStatus = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'failed'; message: string };

export const IDLE: ActionStatus = { phase: 'idle' };

/** "Saved" after success, the server's reason after a refusal, nothing otherwise. */
export function ActionStatusMessage({ status, testId }: { status: ActionStatus; testId: string }) {
  const { t } = useTranslation();
  if (status.phase === 'saved') {
    return (
      <span className="team__saved" role="status" data-testid={`${testId}-saved`}>
        {t('team.saved')}
      </span>
    );
  }
  if (status.phase === 'failed') {
    return (
      <p className="notice notice--error" role="alert" data-testid={`${testId}-error`}>
        {t('team.failed', { message: status.message })}
      </p>
    );
  }
  return null;
}
