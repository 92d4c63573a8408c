import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/**
 * The latest value of an observable, or `initial` until it emits. The value is remembered
 * together with its source, so switching to another observable (another ticket) shows `initial`
 * instead of the previous source's stale value for a render.
 *
 * Pass a stable observable (useMemo): a new one each render would resubscribe each render.
 */
export function useObservable<T, I = T>(source: Observable<T>, initial: I): T | I {
  const [latest, setLatest] = useState<{ source: Observable<T>; value: T } | null>(null);

  useEffect(() => {
    const subscription = source.subscribe({
      next: (value) => setLatest({ source, value }),
      // The session's observables are not expected to fail; if one does, keep the last value
      // on screen rather than blanking the desk, and leave a trace for the developer.
      error: (error: unknown) => console.error('useObservable: source failed', error),
    });
    return () => subscription.unsubscribe();
  }, [source]);

  return latest !== null && latest.source === source ? latest.value : initial;
}
