import { useMemo } from 'react';
import { useDeskSession } from '../../app/app-context';
import { useObservable } from '../../state/use-observable';
import { groupViewersByTicket, NO_VIEWERS, type ViewersByTicket } from './viewers';

/**
 * Who else views or types in each ticket, live (empty while offline). One subscription for a
 * whole list: call it in the queue pane and pass each row its ticket's viewers.
 */
export function useViewersByTicket(): ViewersByTicket {
  const session = useDeskSession();
  const viewers = useObservable(session.viewers$, NO_VIEWERS);
  return useMemo(() => groupViewersByTicket(viewers), [viewers]);
}
