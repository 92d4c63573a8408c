import type { TFunction } from 'i18next';
import type { DurationStats, Share } from '../../../core';
import { formatDuration } from '../sla/format-sla';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A count or load in the agent's language, with at most one decimal ("6.5", "6,5"). */
export function formatNumber(language: string, value: number): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
    numberFormats.set(language, format);
  }
  return format.format(value);
}

const percentFormats = new Map<string, Intl.NumberFormat>();

/** "12.5%"; null (nothing to divide) stays an em dash, so 0 of 0 never reads as 0%. */
export function formatShare(language: string, share: Share['share']): string {
  if (share === null) return '—';
  let format = percentFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(language, format);
  }
  return format.format(share);
}

/** A median or mean as "1 h 5 min"; an em dash when there was nothing to measure. */
export function formatStat(t: TFunction, ms: number | null): string {
  return ms === null ? '—' : formatDuration(t, ms);
}

/** Whether a DurationStats has anything to show (count 0 and null figures look alike to a reader). */
export const hasStats = (stats: DurationStats): boolean => stats.count > 0 && stats.medianMs !== null;

/** Minutes with one decimal for exports ("12.5"); empty when there is no figure. */
export function minutesOneDecimal(ms: number | null): string {
  return ms === null ? '' : (ms / 60_000).toFixed(1);
}

/** Milliseconds as minutes for the charts (one decimal), null kept. */
export function toMinutes(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 6_000) / 10;
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "14:00" in the desk's time zone (where "today" starts at midnight), so that the first bucket
 * reads 00:00 wherever the supervisor sits; the viewer's zone when the desk's name is unknown here.
 */
export function formatHour(language: string, timeZone: string, timestamp: number): string {
  const key = `${language}|${timeZone}`;
  let format = hourFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone });
    } catch {
      format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
    }
    hourFormats.set(key, format);
  }
  return format.format(timestamp);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** A local day in the agent's language ("7 Mar 2025"). */
export function formatDay(language: string, timestamp: number): string {
  let format = dayFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    dayFormats.set(language, format);
  }
  return format.format(timestamp);
}
