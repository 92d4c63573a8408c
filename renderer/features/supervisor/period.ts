/** The History tab's periods: whole local days, from local midnight to the local midnight after the last day. */
export const PERIOD_KINDS = ['today', 'days7', 'days30', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export type Period = { from: number; to: number };

/** The server refuses longer periods (KpiHistoryQuerySchema). */
export const MAX_PERIOD_MS = 366 * 86_400_000;

const PRESET_DAYS: Record<Exclude<PeriodKind, 'custom'>, number> = { today: 1, days7: 7, days30: 30 };

/** Local midnight of the day `offset` days after `date`'s day (Date arithmetic keeps DST days right). */
function localMidnight(date: Date, offset: number): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + offset).getTime();
}

/** Today, or the last 7 or 30 days including today, in the viewer's time zone. */
export function presetPeriod(kind: Exclude<PeriodKind, 'custom'>, now: number): Period {
  const today = new Date(now);
  return { from: localMidnight(today, 1 - PRESET_DAYS[kind]), to: localMidnight(today, 1) };
}

const DATE_INPUT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date input's value ("2025-03-07") as that local day; null when it is not a real date. */
export function parseDateInput(value: string): Date | null {
  const match = DATE_INPUT.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(2000, 0, 1);
  date.setFullYear(year, month - 1, day); // setFullYear: the Date constructor maps years 0–99 to 1900–1999
  if (year < 1970 || date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  return date;
}

/** A date input's value for the local day of `timestamp`. */
export function dateInputValue(timestamp: number): string {
  const date = new Date(timestamp);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * From the first day's local midnight to the midnight after the last day; null when a date is
 * missing or invalid, the last day comes before the first, or the span exceeds what the server takes.
 */
export function customPeriod(firstDay: string, lastDay: string): Period | null {
  const first = parseDateInput(firstDay);
  const last = parseDateInput(lastDay);
  if (!first || !last) return null;
  const period = { from: localMidnight(first, 0), to: localMidnight(last, 1) };
  if (period.to <= period.from || period.to - period.from > MAX_PERIOD_MS) return null;
  return period;
}
