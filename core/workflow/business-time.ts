import { epochDayOf, intervalMinutes, WEEKDAYS, type BusinessCalendar } from '../domain/calendar';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Safety net for calendars that were never validated: a validated one is open at least every ~7 years. */
const MAX_CLOSED_DAYS = 3_700;
/** About 100 years: no SLA or report spans more, and the day-by-day scan of that many days takes ~0.3 s at worst. */
const MAX_SCAN_DAYS = 36_600;

type Instants = [number, number];

/**
 * The instant reached after `durationMs` of business time counted from `fromMs` (fromMs itself
 * may be outside hours: counting starts at the next open moment). durationMs 0 → the first open
 * moment at or after fromMs. Counting that ends exactly at a closing time returns the closing
 * instant, not the next opening. Throws RangeError for a negative or non-finite duration, a
 * non-finite or out-of-Date-range instant, a calendar with no open hours at all, or a result more
 * than ~100 years (36,600 days) away.
 */
export function addBusinessTime(calendar: BusinessCalendar, fromMs: number, durationMs: number): number {
  requireInstant(fromMs, 'fromMs');
  if (!Number.isFinite(durationMs) || durationMs < 0) throw new RangeError(`durationMs must be a finite number >= 0, got ${durationMs}`);
  const plan = planOf(calendar);
  if (plan.week.every((day) => day.length === 0)) throw new RangeError('the calendar has no open hours');
  const firstDay = localDayOf(plan.format, fromMs) - 1;
  let remaining = durationMs;
  // Everything before the cursor is counted (or was before fromMs): overlapping intervals of
  // adjacent days therefore never count twice.
  let cursor = fromMs;
  for (const [start, end] of scheduledIntervals(plan, firstDay, firstDay + MAX_SCAN_DAYS)) {
    const from = Math.max(start, cursor);
    if (end <= from) continue;
    if (remaining <= end - from) return from + remaining;
    remaining -= end - from;
    cursor = end;
  }
  throw new RangeError(`the business time runs past ${MAX_SCAN_DAYS} days from ${new Date(fromMs).toISOString()}`);
}

/**
 * Business time (ms) between two instants; 0 when toMs <= fromMs. Throws RangeError as
 * `openIntervals` does.
 */
export function businessTimeBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  for (const [start, end] of openIntervals(calendar, fromMs, toMs)) total += end - start;
  return total;
}

/**
 * The open intervals (as [startMs, endMs) instants) that overlap [fromMs, toMs), clipped to it,
 * sorted, and merged where they touch or overlap (a 24/7 calendar gives one interval). Empty when
 * toMs <= fromMs or the calendar is never open. Throws RangeError for non-finite or
 * out-of-Date-range instants and for spans over 36,600 days.
 */
export function openIntervals(calendar: BusinessCalendar, fromMs: number, toMs: number): Array<[number, number]> {
  requireInstant(fromMs, 'fromMs');
  requireInstant(toMs, 'toMs');
  if (toMs <= fromMs) return [];
  if (toMs - fromMs > MAX_SCAN_DAYS * DAY_MS) throw new RangeError(`a span over ${MAX_SCAN_DAYS} days is not measured`);
  const plan = planOf(calendar);
  const merged: Instants[] = [];
  const lastDay = localDayOf(plan.format, toMs);
  for (const [start, end] of scheduledIntervals(plan, localDayOf(plan.format, fromMs) - 1, lastDay)) {
    if (start >= toMs) break;
    const clippedStart = Math.max(start, fromMs);
    const clippedEnd = Math.min(end, toMs);
    if (clippedEnd <= clippedStart) continue;
    const last = merged[merged.length - 1];
    if (last && clippedStart <= last[1]) last[1] = Math.max(last[1], clippedEnd);
    else merged.push([clippedStart, clippedEnd]);
  }
  return merged;
}

/** The instant of the local midnight that starts the day containing `instant` in `timeZone` (DST-correct). */
export function startOfLocalDay(timeZone: string, instant: number): number {
  const format = formatterFor(timeZone);
  return instantOfWallTime(format, localDayOf(format, instant) * DAY_MS);
}

/** The local midnight `days` days after the start of the day containing `instant` (negative: before). */
export function localMidnightAfter(timeZone: string, instant: number, days = 1): number {
  const format = formatterFor(timeZone);
  return instantOfWallTime(format, (localDayOf(format, instant) + days) * DAY_MS);
}

function requireInstant(value: number, name: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number of epoch milliseconds, got ${value}`);
}

/** The calendar in the shape the scan needs: minutes per weekday, holidays as epoch days. */
interface Plan {
  format: Intl.DateTimeFormat;
  week: ReadonlyArray<ReadonlyArray<{ start: number; end: number }>>;
  holidays: ReadonlySet<number>;
}

// Not cached per calendar: callers may build calendars freely, and parsing ≤ 28 intervals is cheap.
function planOf(calendar: BusinessCalendar): Plan {
  const week = WEEKDAYS.map((weekday) => calendar.weeklyHours[`${weekday}`].map(intervalMinutes).sort((a, b) => a.start - b.start));
  const holidays = new Set<number>();
  for (const date of calendar.holidays) {
    const day = epochDayOf(date);
    if (day !== null) holidays.add(day);
  }
  return { format: formatterFor(calendar.timeZone), week, holidays };
}

/**
 * Every scheduled interval of the local days firstDay..lastDay (epoch days of wall-clock dates),
 * as instants, in order of start. Starts are ordered across days because an interval of day D
 * starts on D's wall clock and wall time maps to instants monotonically. Intervals that DST
 * squeezes to nothing (inside a spring-forward gap) are left out.
 */
function* scheduledIntervals(plan: Plan, firstDay: number, lastDay: number): Generator<Instants> {
  const converterFor = wallClock(plan.format);
  let lastOpenDay = firstDay;
  for (let day = firstDay; day <= lastDay; day++) {
    if (day - lastOpenDay > MAX_CLOSED_DAYS) throw new RangeError(`the calendar has no open time in ${MAX_CLOSED_DAYS} days`);
    const slots = plan.week[weekdayOf(day)] ?? [];
    if (slots.length === 0 || plan.holidays.has(day)) continue;
    const toInstant = converterFor(day);
    const midnight = day * DAY_MS;
    for (const slot of slots) {
      const start = toInstant(midnight + slot.start * MINUTE_MS);
      const end = toInstant(midnight + slot.end * MINUTE_MS);
      if (end <= start) continue;
      lastOpenDay = day;
      yield [start, end];
    }
  }
}

// 1970-01-01 was a Thursday.
const weekdayOf = (epochDay: number): number => (((epochDay + 4) % 7) + 7) % 7;

// ---- Wall clock ↔ instant in an IANA zone, through Intl (the only zone database core may use).

// Building a DateTimeFormat costs far more than using one: one per zone for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's UTC offset (ms, east positive) in force at `instant`. */
function offsetAt(format: Intl.DateTimeFormat, instant: number): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of format.formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  wall.setUTCHours(fields.hour, fields.minute, fields.second, 0);
  // The formatter drops milliseconds, so compare with the instant floored to its second.
  return wall.getTime() - Math.floor(instant / 1000) * 1000;
}

/** Epoch day of the wall-clock date at `instant`. */
function localDayOf(format: Intl.DateTimeFormat, instant: number): number {
  return Math.floor((instant + offsetNear(format, instant)) / DAY_MS);
}

// Reading an offset through Intl costs microseconds, and every ticket's SLA plan reads several:
// the offsets at UTC midnights are kept per zone for the process (a few hundred days in use).
const midnightOffsets = new WeakMap<Intl.DateTimeFormat, Map<number, number>>();
const MIDNIGHTS_KEPT = 20_000;

function offsetAtMidnight(format: Intl.DateTimeFormat, day: number): number {
  let offsets = midnightOffsets.get(format);
  if (!offsets) midnightOffsets.set(format, (offsets = new Map()));
  let offset = offsets.get(day);
  if (offset === undefined) {
    if (offsets.size >= MIDNIGHTS_KEPT) offsets.clear();
    offset = offsetAt(format, day * DAY_MS);
    offsets.set(day, offset);
  }
  return offset;
}

/**
 * The offset at `instant`: that of the UTC midnights around it when they agree (the zone did not
 * change its offset that day), else read exactly. It assumes no zone changes its offset and back
 * within 24 hours, which no tz database rule does.
 */
function offsetNear(format: Intl.DateTimeFormat, instant: number): number {
  const day = Math.floor(instant / DAY_MS);
  const offset = offsetAtMidnight(format, day);
  return offsetAtMidnight(format, day + 1) === offset ? offset : offsetAt(format, instant);
}

/**
 * For each local day, a converter for wall times in [day 00:00, day+2 00:00) (overnight
 * intervals end on the next day). When the offset is the same at the five midnights (as
 * instants) around that window it is constant inside it, and a wall time converts by one
 * subtraction; otherwise every wall time is resolved exactly. That reads one new offset per day
 * instead of several per interval end (see offsetNear for the assumption).
 */
function wallClock(format: Intl.DateTimeFormat): (day: number) => (wall: number) => number {
  return (day) => {
    const offset = offsetAtMidnight(format, day - 1);
    // Instants with wall times in the window lie within (day - 1, day + 3) midnights: |offset| < 24 h.
    const steady = [day, day + 1, day + 2, day + 3].every((other) => offsetAtMidnight(format, other) === offset);
    return steady ? (wall) => wall - offset : (wall) => instantOfWallTime(format, wall);
  };
}

/**
 * The instant at which the zone's clocks show `wall` (wall-clock fields encoded as if UTC).
 * A wall time skipped by spring-forward maps to the first instant after the gap; a wall time
 * that happens twice at fall-back maps to its first occurrence. Both keep the mapping monotonic,
 * so consecutive intervals neither overlap nor leave holes.
 */
function instantOfWallTime(format: Intl.DateTimeFormat, wall: number): number {
  // No zone is more than a day off UTC, so these offsets are in force before and after any
  // instant whose clocks could show `wall`.
  const before = offsetNear(format, wall - DAY_MS);
  const after = offsetNear(format, wall + DAY_MS);
  if (before === after) return wall - before;
  const candidates = [wall - before, wall - after].filter((instant) => instant + offsetAt(format, instant) === wall);
  if (candidates.length > 0) return Math.min(...candidates);
  // A gap: the offset grew from `before` to `after` somewhere in (wall - after, wall - before].
  let low = wall - after;
  let high = wall - before;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(format, middle) === before) low = middle;
    else high = middle;
  }
  return high;
}
