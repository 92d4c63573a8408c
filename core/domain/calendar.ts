import { z } from 'zod';

/** 0 = Sunday, like `Date.getDay()`, so that weekday numbers mean the same everywhere. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const MINUTES_IN_A_DAY = 24 * 60;

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'HH:MM' from 00:00 to 24:00 (24:00 only makes sense as the end of a day). */
export const TimeOfDaySchema = z.string().regex(TIME_OF_DAY, 'a time of day is HH:MM between 00:00 and 24:00');

/**
 * One opening of a day, in the calendar's wall-clock time. `end <= start` means it runs past
 * midnight into the next day (22:00–06:00); such an interval belongs to the day it starts on.
 * Guarantees start !== end, so a parsed interval is never empty (00:00–24:00 is the whole day).
 */
export const BusinessIntervalSchema = z
  .object({
    start: TimeOfDaySchema.refine((time) => time !== '24:00', 'an interval cannot start at 24:00'),
    end: TimeOfDaySchema,
  })
  .strict()
  .refine((interval) => interval.start !== interval.end, 'empty interval: start and end are the same time');
export type BusinessInterval = z.infer<typeof BusinessIntervalSchema>;

/**
 * Minutes from the start of the interval's own day: `end` is always after `start` and may
 * exceed 1440 for an overnight interval. Throws RangeError for a time that is not HH:MM.
 */
export function intervalMinutes(interval: BusinessInterval): { start: number; end: number } {
  const start = minutesOf(interval.start);
  const end = minutesOf(interval.end);
  return { start, end: end > start ? end : end + MINUTES_IN_A_DAY };
}

function minutesOf(time: string): number {
  if (!TIME_OF_DAY.test(time)) throw new RangeError(`not a time of day: ${JSON.stringify(time)}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' calendar date, or null when there is no such date
 * ('2026-02-30'). Plain day arithmetic: it names a date, not an instant in any zone.
 */
export function epochDayOf(date: string): number | null {
  const match = LOCAL_DATE.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return Math.round(probe.getTime() / 86_400_000);
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Overnight intervals are compared with their full length: 22:00–06:00 and 23:00–23:30 overlap. */
function overlaps(day: readonly BusinessInterval[]): boolean {
  // zod 4 runs this refinement even when an interval already failed its own checks: leave
  // malformed times to those issues rather than throw out of safeParse.
  const wellFormed = day.every((interval) => TIME_OF_DAY.test(interval.start) && TIME_OF_DAY.test(interval.end));
  if (!wellFormed) return false;
  const spans = day.map(intervalMinutes).sort((a, b) => a.start - b.start);
  return spans.some((span, index) => index > 0 && span.start < (spans[index - 1]?.end ?? -Infinity));
}

const DayHoursSchema = z
  .array(BusinessIntervalSchema)
  .max(4)
  .refine((day) => !overlaps(day), 'intervals of one day overlap');

/**
 * When a help desk is open, in the wall-clock time of one IANA zone (DST included).
 * - weeklyHours: keyed by weekday number as a string (JSON objects have string keys); every key
 *   is required, unknown keys are refused. Intervals of one day never overlap; an overnight
 *   interval may run into the next day's hours, and then the union counts (nothing twice).
 * - holidays: local dates; an interval that starts on a holiday does not count, but an overnight
 *   interval started the evening before still runs into the holiday.
 * - a calendar with no open hours at all is refused: every SLA due time would be undefined.
 */
export const BusinessCalendarSchema = z
  .object({
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone'),
    weeklyHours: z
      .object({
        '0': DayHoursSchema,
        '1': DayHoursSchema,
        '2': DayHoursSchema,
        '3': DayHoursSchema,
        '4': DayHoursSchema,
        '5': DayHoursSchema,
        '6': DayHoursSchema,
      })
      .strict(),
    holidays: z
      .array(z.string().regex(LOCAL_DATE, 'a holiday is a YYYY-MM-DD date').refine((date) => epochDayOf(date) !== null, 'no such date'))
      .max(366),
  })
  .strict()
  .refine((calendar) => Object.values(calendar.weeklyHours).some((day) => day.length > 0), 'the calendar has no open hours');
export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;

// Functions, not shared arrays: a caller that edits one day of a copy must not edit them all.
const wholeDay = (): BusinessInterval[] => [{ start: '00:00', end: '24:00' }];
const officeDay = (): BusinessInterval[] => [{ start: '09:00', end: '18:00' }];

/** Business time equals elapsed time: for teams that promise round-the-clock service. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  weeklyHours: { '0': wholeDay(), '1': wholeDay(), '2': wholeDay(), '3': wholeDay(), '4': wholeDay(), '5': wholeDay(), '6': wholeDay() },
  holidays: [],
};

/** What a fresh installation uses until an administrator sets the desk's own hours. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  weeklyHours: { '0': [], '1': officeDay(), '2': officeDay(), '3': officeDay(), '4': officeDay(), '5': officeDay(), '6': [] },
  holidays: [],
};
