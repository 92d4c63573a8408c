import type { TFunction } from 'i18next';
import type { SlaReading } from './sla-reading';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A duration as the indicator says it: "27 h 15 min", "2 h", "45 min", "< 1 min". Whole units,
 * rounded down, so "1 min left" never means less than a minute. No days: SLA time is counted in
 * business hours, where "1 d 3 h" would wrongly suggest calendar days.
 */
export function formatDuration(t: TFunction, ms: number): string {
  const span = Math.abs(ms);
  if (span < MINUTE) return t('sla.duration.lessThanMinute');
  const hours = Math.floor(span / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  if (hours > 0) return minutes > 0 ? t('sla.duration.hoursMinutes', { hours, minutes }) : t('sla.duration.hours', { hours });
  return t('sla.duration.minutes', { minutes });
}

/** The indicator's words: "2 h 15 min left", "overdue 20 min", "paused · 3 h 10 min left", "SLA met". */
export function describeSla(t: TFunction, reading: SlaReading): string {
  switch (reading.state) {
    case 'met':
      return t('sla.met');
    case 'stopped':
      return t('sla.stopped');
    case 'breached':
      return t('sla.breached');
    case 'paused': {
      const left = reading.leftMs ?? 0;
      return left > 0
        ? t('sla.pausedLeft', { duration: formatDuration(t, left) })
        : t('sla.pausedOverdue', { duration: formatDuration(t, left) });
    }
    case 'overdue':
      return t('sla.overdue', { duration: formatDuration(t, reading.leftMs ?? 0) });
    case 'ok':
    case 'warning':
      return t('sla.left', { duration: formatDuration(t, reading.leftMs ?? 0) });
  }
}

/** Minutes as hours and minutes, for the admin form's helper text: 150 → "2 h 30 min". */
export function formatMinutes(t: TFunction, minutes: number): string {
  return formatDuration(t, minutes * MINUTE);
}
