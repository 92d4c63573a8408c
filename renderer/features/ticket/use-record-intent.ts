import { useCallback, useState } from 'react';
import { useDeskSession } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';
import type { Intent } from '../../sync/desk-session';

export type RecordIntent = (type: Intent['type'], payload: Intent['payload']) => Promise<boolean>;

/**
 * Records an intent on one ticket. record() resolves once the change is stored locally (it shows
 * at once, and syncs later); it fails only when the local database could not take it, which the
 * caller shows as `failure`. Rule violations arrive later as rejections, not here.
 */
export function useRecordIntent(ticketId: string): { record: RecordIntent; failure: string | null } {
  const session = useDeskSession();
  const [failure, setFailure] = useState<string | null>(null);

  const record = useCallback<RecordIntent>(
    async (type, payload) => {
      setFailure(null);
      try {
        await session.record({ ticketId, type, payload });
        return true;
      } catch (error) {
        setFailure(errorMessage(error));
        return false;
      }
    },
    [session, ticketId],
  );

  return { record, failure };
}
