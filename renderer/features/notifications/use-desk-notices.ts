import { useCallback, useEffect, useRef, useState } from 'react';
import { useAppServices, useDeskSession } from '../../app/app-context';
import { i18n } from '../../i18n/i18n';
import type { DeskNotice } from '../../sync/desk-session';
import { describeNotice, noticeTitle } from './describe-notice';

export type ShownNotice = { id: number; notice: DeskNotice; receivedAt: number };

/** Toasts stay this long unless clicked or dismissed; the ticket itself keeps the state they announce. */
export const NOTICE_LIFETIME_MS = 30_000;
/** A burst (many warnings at once) shows the newest few rather than covering the desk. */
const MAX_SHOWN = 4;

/**
 * Lifecycle pushes from the server (SLA warnings, ended holds): each becomes a platform
 * notification and an in-app toast. Pushes only arrive while connected; what they announce also
 * reaches the console through sync (the indicator turns amber, the status changes), so a missed
 * push loses nothing but the interruption.
 */
export function useDeskNotices(): { notices: ShownNotice[]; dismiss(id: number): void } {
  const session = useDeskSession();
  const { platform } = useAppServices();
  const [notices, setNotices] = useState<ShownNotice[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((shown) => shown.filter((entry) => entry.id !== id));
  }, []);

  useEffect(() => {
    const pending = timers.current;
    const subscription = session.notices$.subscribe((notice) => {
      const receivedAt = Date.now();
      // The i18n instance, as for assignment alerts: the language of the moment, not of the subscription.
      const body = describeNotice(i18n.t, i18n.language, notice, receivedAt);
      platform.notify({ title: noticeTitle(i18n.t, notice), body }).catch((error: unknown) => console.error('could not notify', error));

      nextId.current += 1;
      const id = nextId.current;
      setNotices((shown) => [...shown, { id, notice, receivedAt }].slice(-MAX_SHOWN));
      pending.set(id, setTimeout(() => dismiss(id), NOTICE_LIFETIME_MS));
    });
    return () => {
      subscription.unsubscribe();
      pending.forEach((timer) => clearTimeout(timer));
      pending.clear();
    };
  }, [session, platform, dismiss]);

  return { notices, dismiss };
}
