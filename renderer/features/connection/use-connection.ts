import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import type { ConnectionState } from '../../sync/desk-session';

/** Until the session reports, assume offline: claiming "Online" without proof would mislead. */
const UNKNOWN_CONNECTION: ConnectionState = { status: 'offline', pending: 0, refusal: null };

export function useConnection(): ConnectionState {
  const session = useDeskSession();
  return useObservable(session.connection$, UNKNOWN_CONNECTION);
}
