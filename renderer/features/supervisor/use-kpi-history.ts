import { useCallback, useEffect, useState } from 'react';
import type { KpiHistory, KpiHistoryQuery } from '../../../core';
import { useDeskApi } from '../../app/app-context';
import { errorMessage } from '../../app/desk-auth';

export type KpiHistoryState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'loaded'; history: KpiHistory };

/**
 * Loads a period's KPIs whenever the query changes while online (or after retry(), which also tries
 * while the desk believes it is offline). A request overtaken by a newer query is aborted; its
 * answer never replaces the newer one.
 */
export function useKpiHistory(query: KpiHistoryQuery | null, online: boolean): { state: KpiHistoryState; retry(): void } {
  const api = useDeskApi();
  const [state, setState] = useState<KpiHistoryState>({ phase: 'idle' });
  const [attempt, setAttempt] = useState(0);
  const { from, to, groupId, level } = query ?? {};
  const forced = attempt > 0;

  useEffect(() => {
    if (from === undefined || to === undefined || !(online || forced)) {
      setState({ phase: 'idle' });
      return;
    }
    const abort = new AbortController();
    setState({ phase: 'loading' });
    const request: KpiHistoryQuery = { from, to, ...(groupId ? { groupId } : {}), ...(level ? { level } : {}) };
    api
      .loadKpiHistory(request, abort.signal)
      .then((history) => {
        if (!abort.signal.aborted) setState({ phase: 'loaded', history });
      })
      .catch((error: unknown) => {
        if (!abort.signal.aborted) setState({ phase: 'failed', message: errorMessage(error) });
      });
    return () => abort.abort();
  }, [api, from, to, groupId, level, online, forced, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
