import type { TFunction } from 'i18next';
import { formatTimeOfDay } from '../../i18n/format';
import type { DeskNotice } from '../../sync/desk-session';

/**
 * A lifecycle notice in words, for the toast and the platform notification:
 * "SLA warning: #N subject — first response due at 14:05", "Hold ended: #N subject is back in progress".
 */
export function describeNotice(t: TFunction, language: string, notice: DeskNotice, now: number): string {
  const about = { number: notice.number, subject: notice.subject };
  if (notice.kind === 'hold_ended') return t('notices.holdEnded', about);
  const clock = notice.clock === 'first_response' ? 'FirstResponse' : 'Resolution';
  if (notice.dueAt === null) return t(`notices.slaWarning${clock}Soon`, about);
  return t(`notices.slaWarning${clock}`, { ...about, time: formatTimeOfDay(language, notice.dueAt, now) });
}

/** The notification's title: what happened, in two words; the body says which ticket. */
export function noticeTitle(t: TFunction, notice: DeskNotice): string {
  return notice.kind === 'hold_ended' ? t('notices.holdEndedTitle') : t('notices.slaWarningTitle');
}
