import { useEffect, useState } from 'react';
import type { Platform } from '../../platform/platform';

/** How often the console asks how long the agent has been idle. */
export const IDLE_POLL_MS = 15_000;

/** Input on the console's own page: proof that the agent is at the desk right now. */
const PAGE_INPUT_EVENTS = ['keydown', 'mousemove', 'pointerdown', 'wheel', 'touchstart'] as const;

/**
 * Whether the agent has been idle for at least `thresholdSeconds`.
 *
 * Electron reports the whole machine's idle time (platform.idleSeconds), polled every 15 s. A
 * browser only sees its own page (idleSeconds() is null): then idle time counts from the last
 * input on the page, and from the moment the page was hidden or shown again — a hidden page is
 * an agent reading another window, who is still at the desk until the same threshold passes.
 * Input on the page ends idleness at once in both shells; going idle waits for the next poll.
 */
export function useIdle(platform: Platform, thresholdSeconds: number): boolean {
  const [idle, setIdle] = useState(false);

  useEffect(() => {
    let stopped = false;
    // null until the first answer: after a threshold change the state may still say idle.
    let isIdle: boolean | null = null;
    let lastPageActivity = Date.now();
    // Bumped on every page input, so that an idle time asked for before the input is not trusted.
    let activitySeq = 0;

    const update = (next: boolean) => {
      if (next === isIdle) return;
      isIdle = next;
      setIdle(next);
    };

    const markActive = () => {
      lastPageActivity = Date.now();
      activitySeq += 1;
      update(false);
    };

    const check = async () => {
      const askedAt = activitySeq;
      let systemIdleSeconds: number | null;
      try {
        systemIdleSeconds = await platform.idleSeconds();
      } catch {
        // The shell could not tell this time: fall back to what the page saw rather than guessing.
        systemIdleSeconds = null;
      }
      if (stopped || askedAt !== activitySeq) return;
      const idleSeconds = systemIdleSeconds ?? (Date.now() - lastPageActivity) / 1000;
      update(idleSeconds >= thresholdSeconds);
    };

    for (const type of PAGE_INPUT_EVENTS) window.addEventListener(type, markActive, { capture: true, passive: true });
    document.addEventListener('visibilitychange', markActive);
    void check();
    const timer = setInterval(() => void check(), IDLE_POLL_MS);

    return () => {
      stopped = true;
      clearInterval(timer);
      for (const type of PAGE_INPUT_EVENTS) window.removeEventListener(type, markActive, { capture: true });
      document.removeEventListener('visibilitychange', markActive);
    };
  }, [platform, thresholdSeconds]);

  return idle;
}
