import type { TFunction } from 'i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 minutes ago" style age, with the plural forms of the current language. */
export function formatAge(t: TFunction, since: number, now: number): string {
  const elapsed = Math.max(0, now - since);
  if (elapsed < MINUTE) return t('age.justNow');
  if (elapsed < HOUR) return t('age.minutes', { count: Math.floor(elapsed / MINUTE) });
  if (elapsed < DAY) return t('age.hours', { count: Math.floor(elapsed / HOUR) });
  return t('age.days', { count: Math.floor(elapsed / DAY) });
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Short date and time in the agent's language; formatters are cached because lists call this a lot. */
export function formatDateTime(language: string, timestamp: number): string {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });
    dateTimeFormats.set(language, format);
  }
  return format.format(timestamp);
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "14:05" (in the agent's language and zone) when `timestamp` falls on the same local day as
 * `now`; otherwise the short date and time, so a due time tomorrow is not mistaken for today.
 */
export function formatTimeOfDay(language: string, timestamp: number, now: number): string {
  if (new Date(timestamp).toDateString() !== new Date(now).toDateString()) return formatDateTime(language, timestamp);
  let format = timeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
    timeFormats.set(language, format);
  }
  return format.format(timestamp);
}

/** A file size as people read it (1 KB = 1,024 bytes), in the language's number format: "68.4 KB". */
export function formatBytes(language: string, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1_024 && unit < units.length - 1) {
    value /= 1_024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
