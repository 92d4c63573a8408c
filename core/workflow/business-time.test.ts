import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, type BusinessCalendar, type BusinessInterval } from '../domain/calendar';
import { addBusinessTime, businessTimeBetween, openIntervals } from './business-time';

const HOUR = 3_600_000;
const at = (isoInstant: string): number => Date.parse(isoInstant);
const iso = (instant: number): string => new Date(instant).toISOString();
const isoPairs = (intervals: Array<[number, number]>): string[][] => intervals.map(([start, end]) => [iso(start), iso(end)]);

type Week = BusinessCalendar['weeklyHours'];
const everyDay = (hours: BusinessInterval[]): Week => ({ '0': hours, '1': hours, '2': hours, '3': hours, '4': hours, '5': hours, '6': hours });
const weekdays = (hours: BusinessInterval[]): Week => ({ ...everyDay(hours), '0': [], '6': [] });
const calendar = (timeZone: string, weeklyHours: Week, holidays: string[] = []): BusinessCalendar => ({ timeZone, weeklyHours, holidays });

const OFFICE: BusinessInterval[] = [{ start: '09:00', end: '18:00' }];
const WARSAW_OFFICE = calendar('Europe/Warsaw', weekdays(OFFICE));
const NEW_YORK_OFFICE = calendar('America/New_York', weekdays(OFFICE));
const WARSAW_24_7 = calendar('Europe/Warsaw', everyDay([{ start: '00:00', end: '24:00' }]));
const NEW_YORK_24_7 = calendar('America/New_York', everyDay([{ start: '00:00', end: '24:00' }]));
const WARSAW_NIGHTS = calendar('Europe/Warsaw', everyDay([{ start: '22:00', end: '06:00' }]));

// April 2026 in Warsaw is CEST (UTC+2): 09:00 local = 07:00Z, 18:00 local = 16:00Z.
describe('addBusinessTime, Mon–Fri 09:00–18:00 Europe/Warsaw', () => {
  it.each([
    ['inside hours (Mon 10:00 + 2 h → 12:00)', '2026-04-13T08:00:00Z', 2, '2026-04-13T10:00:00.000Z'],
    ['before opening (Mon 07:30 + 1 h → 10:00)', '2026-04-13T05:30:00Z', 1, '2026-04-13T08:00:00.000Z'],
    ['after closing, rolling to the next day (Mon 19:00 + 1 h → Tue 10:00)', '2026-04-13T17:00:00Z', 1, '2026-04-14T08:00:00.000Z'],
    ['on a Friday evening, rolling to Monday (Fri 17:00 + 2 h → Mon 10:00)', '2026-04-17T15:00:00Z', 2, '2026-04-20T08:00:00.000Z'],
    ['after Friday closing (Fri 20:00 + 1 h → Mon 10:00)', '2026-04-17T18:00:00Z', 1, '2026-04-20T08:00:00.000Z'],
    ['an 8 h target spanning a weekend (Fri 14:00 → Mon 13:00)', '2026-04-17T12:00:00Z', 8, '2026-04-20T11:00:00.000Z'],
    ['a target ending exactly at closing (Mon 09:00 + 9 h → Mon 18:00, not Tue 09:00)', '2026-04-13T07:00:00Z', 9, '2026-04-13T16:00:00.000Z'],
    ['a target ending exactly at a later closing (Mon 10:00 + 17 h → Tue 18:00)', '2026-04-13T08:00:00Z', 17, '2026-04-14T16:00:00.000Z'],
    ['zero from a Saturday: the first open moment (Mon 09:00)', '2026-04-18T10:00:00Z', 0, '2026-04-20T07:00:00.000Z'],
    ['zero inside hours: the start itself', '2026-04-13T08:12:34.567Z', 0, '2026-04-13T08:12:34.567Z'],
    ['zero at closing time: closing is not open, so the next opening', '2026-04-13T16:00:00Z', 0, '2026-04-14T07:00:00.000Z'],
  ])('starts %s', (_label, from, hours, due) => {
    expect(iso(addBusinessTime(WARSAW_OFFICE, at(from), hours * HOUR))).toBe(due);
  });

  it('counts sub-second durations exactly', () => {
    expect(iso(addBusinessTime(WARSAW_OFFICE, at('2026-04-13T15:59:59.000Z'), 1_500))).toBe('2026-04-14T07:00:00.500Z');
  });
});

describe('holidays', () => {
  it('skips a Wednesday holiday (Tue 16:00 + 4 h → Thu 11:00)', () => {
    const withHoliday = calendar('Europe/Warsaw', weekdays(OFFICE), ['2026-04-15']);
    expect(iso(addBusinessTime(withHoliday, at('2026-04-14T14:00:00Z'), 4 * HOUR))).toBe('2026-04-16T09:00:00.000Z');
    expect(businessTimeBetween(withHoliday, at('2026-04-13T00:00:00Z'), at('2026-04-20T00:00:00Z'))).toBe(36 * HOUR);
  });

  it('skips a Friday holiday and the weekend after it (Thu 17:00 + 2 h → Mon 10:00)', () => {
    const withHoliday = calendar('Europe/Warsaw', weekdays(OFFICE), ['2026-04-17']);
    expect(iso(addBusinessTime(withHoliday, at('2026-04-16T15:00:00Z'), 2 * HOUR))).toBe('2026-04-20T08:00:00.000Z');
  });

  it('reads holidays as local dates of the calendar zone', () => {
    // 23:30Z on 14 April is already 15 April (the holiday) in Warsaw: nothing opens until Thursday.
    const withHoliday = calendar('Europe/Warsaw', weekdays(OFFICE), ['2026-04-15']);
    expect(iso(addBusinessTime(withHoliday, at('2026-04-14T23:30:00Z'), 0))).toBe('2026-04-16T07:00:00.000Z');
  });
});

describe('overnight hours, 22:00–06:00 every day in Warsaw', () => {
  it('counts across midnight (Mon 23:00 + 3 h → Tue 02:00)', () => {
    expect(iso(addBusinessTime(WARSAW_NIGHTS, at('2026-04-13T21:00:00Z'), 3 * HOUR))).toBe('2026-04-14T00:00:00.000Z');
  });

  it('continues with the next night (Tue 05:00 + 2 h → Tue 23:00)', () => {
    expect(iso(addBusinessTime(WARSAW_NIGHTS, at('2026-04-14T03:00:00Z'), 2 * HOUR))).toBe('2026-04-14T21:00:00.000Z');
  });

  it('runs the night started before a holiday into it, but skips the night starting on it', () => {
    const withHoliday = calendar('Europe/Warsaw', WARSAW_NIGHTS.weeklyHours, ['2026-04-15']);
    // Wed 05:00: 1 h left of Tuesday's night, Wednesday's night is off, Thursday's gives the rest.
    expect(iso(addBusinessTime(withHoliday, at('2026-04-15T03:00:00Z'), 2 * HOUR))).toBe('2026-04-16T21:00:00.000Z');
    // The holiday's own local day holds only the 6 h that Tuesday's night runs into it.
    expect(businessTimeBetween(withHoliday, at('2026-04-14T22:00:00Z'), at('2026-04-15T22:00:00Z'))).toBe(6 * HOUR);
  });

  it('gives the spring-forward night 7 h and the fall-back night 9 h', () => {
    expect(isoPairs(openIntervals(WARSAW_NIGHTS, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z')))).toEqual([
      ['2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z'],
    ]);
    expect(businessTimeBetween(WARSAW_NIGHTS, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'))).toBe(9 * HOUR);
  });

  it('counts a night that overlaps the next day’s hours once', () => {
    const overlapping = calendar('UTC', { ...everyDay([]), '1': [{ start: '22:00', end: '10:00' }], '2': [{ start: '09:00', end: '12:00' }] });
    // Mon 2026-04-13 22:00 to Tue 12:00 is one 14 h stretch, not 12 h + 3 h.
    expect(businessTimeBetween(overlapping, at('2026-04-13T00:00:00Z'), at('2026-04-15T00:00:00Z'))).toBe(14 * HOUR);
    expect(iso(addBusinessTime(overlapping, at('2026-04-13T00:00:00Z'), 14 * HOUR))).toBe('2026-04-14T12:00:00.000Z');
  });
});

describe('daylight saving time', () => {
  it.each([
    ['Warsaw spring forward', WARSAW_24_7, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23],
    ['Warsaw fall back', WARSAW_24_7, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25],
    ['New York spring forward', NEW_YORK_24_7, '2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z', 23],
    ['New York fall back', NEW_YORK_24_7, '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25],
  ])('24/7: the local day of the %s holds its real length', (_label, hours, localMidnight, nextLocalMidnight, length) => {
    expect(businessTimeBetween(hours, at(localMidnight), at(nextLocalMidnight))).toBe(length * HOUR);
    expect(iso(addBusinessTime(hours, at(localMidnight), length * HOUR))).toBe(new Date(nextLocalMidnight).toISOString());
  });

  it('24/7: adding across the Warsaw changes is plain arithmetic, whatever the wall clock shows', () => {
    // Sat 12:00 CET + 24 h = Sun 13:00 CEST; Sat 12:00 CEST + 72 h = Tue 11:00 CET.
    expect(iso(addBusinessTime(WARSAW_24_7, at('2026-03-28T11:00:00Z'), 24 * HOUR))).toBe('2026-03-29T11:00:00.000Z');
    expect(iso(addBusinessTime(WARSAW_24_7, at('2026-10-24T10:00:00Z'), 72 * HOUR))).toBe('2026-10-27T10:00:00.000Z');
  });

  it.each([
    ['Warsaw, spring', WARSAW_OFFICE, '2026-03-27T16:00:00Z', '2026-03-30T08:00:00.000Z'],
    ['Warsaw, autumn', WARSAW_OFFICE, '2026-10-23T15:00:00Z', '2026-10-26T09:00:00.000Z'],
    ['New York, spring', NEW_YORK_OFFICE, '2026-03-06T22:00:00Z', '2026-03-09T14:00:00.000Z'],
    ['New York, autumn', NEW_YORK_OFFICE, '2026-10-30T21:00:00Z', '2026-11-02T15:00:00.000Z'],
  ])('09:00–18:00: Fri 17:00 + 2 h → Mon 10:00 local across the change (%s)', (_label, hours, from, due) => {
    expect(iso(addBusinessTime(hours, at(from), 2 * HOUR))).toBe(due);
  });

  it.each([
    ['Warsaw', 'Europe/Warsaw', '2026-03-29', [['2026-03-29T07:00:00.000Z', '2026-03-29T16:00:00.000Z']]],
    ['Warsaw', 'Europe/Warsaw', '2026-10-25', [['2026-10-25T08:00:00.000Z', '2026-10-25T17:00:00.000Z']]],
    ['New York', 'America/New_York', '2026-03-08', [['2026-03-08T13:00:00.000Z', '2026-03-08T22:00:00.000Z']]],
    ['New York', 'America/New_York', '2026-11-01', [['2026-11-01T14:00:00.000Z', '2026-11-01T23:00:00.000Z']]],
  ])('09:00–18:00 every day: the change day (%s, %s) keeps 9 wall-clock hours', (_label, zone, date, expected) => {
    const hours = calendar(zone, everyDay(OFFICE));
    const dayStart = at(`${date}T00:00:00Z`);
    expect(isoPairs(openIntervals(hours, dayStart, dayStart + 24 * HOUR))).toEqual(expected);
  });

  it.each([
    ['Warsaw', 'Europe/Warsaw', '2026-03-29', ['2026-03-29T01:00:00.000Z', '2026-03-29T02:00:00.000Z']],
    ['New York', 'America/New_York', '2026-03-08', ['2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z']],
  ])('02:00–04:00 on the spring-forward day is 1 h, starting when the gap ends (%s)', (_label, zone, date, expected) => {
    const hours = calendar(zone, { ...everyDay([]), '0': [{ start: '02:00', end: '04:00' }] });
    const dayStart = at(`${date}T00:00:00Z`) - 12 * HOUR;
    expect(isoPairs(openIntervals(hours, dayStart, dayStart + 36 * HOUR))).toEqual([expected]);
    expect(iso(addBusinessTime(hours, dayStart, 0))).toBe(expected[0]);
  });

  it('02:00–04:00 on the fall-back day starts at the first 02:00 and so lasts 3 h', () => {
    const hours = calendar('Europe/Warsaw', { ...everyDay([]), '0': [{ start: '02:00', end: '04:00' }] });
    expect(isoPairs(openIntervals(hours, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z')))).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T03:00:00.000Z'],
    ]);
  });

  it('an interval lying wholly inside the spring-forward gap is empty', () => {
    const hours = calendar('Europe/Warsaw', { ...everyDay([]), '0': [{ start: '02:00', end: '02:30' }] });
    expect(businessTimeBetween(hours, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'))).toBe(0);
    // The next Sunday's interval is the first open moment.
    expect(iso(addBusinessTime(hours, at('2026-03-28T12:00:00Z'), 0))).toBe('2026-04-05T00:00:00.000Z');
  });
});

describe('businessTimeBetween and openIntervals', () => {
  it('is 0 for an empty or negative span', () => {
    expect(businessTimeBetween(WARSAW_OFFICE, at('2026-04-13T10:00:00Z'), at('2026-04-13T10:00:00Z'))).toBe(0);
    expect(businessTimeBetween(WARSAW_OFFICE, at('2026-04-13T12:00:00Z'), at('2026-04-13T10:00:00Z'))).toBe(0);
    expect(openIntervals(WARSAW_OFFICE, at('2026-04-13T12:00:00Z'), at('2026-04-13T10:00:00Z'))).toEqual([]);
  });

  it('is 0 for a span entirely outside hours (a weekend, a night)', () => {
    expect(businessTimeBetween(WARSAW_OFFICE, at('2026-04-17T16:00:00Z'), at('2026-04-20T07:00:00Z'))).toBe(0);
    expect(businessTimeBetween(WARSAW_OFFICE, at('2026-04-13T16:00:00Z'), at('2026-04-14T07:00:00Z'))).toBe(0);
  });

  it('counts a working week as 45 h and lists each day clipped to the span', () => {
    expect(businessTimeBetween(WARSAW_OFFICE, at('2026-04-12T00:00:00Z'), at('2026-04-19T00:00:00Z'))).toBe(45 * HOUR);
    expect(isoPairs(openIntervals(WARSAW_OFFICE, at('2026-04-13T10:00:00Z'), at('2026-04-14T08:00:00Z')))).toEqual([
      ['2026-04-13T10:00:00.000Z', '2026-04-13T16:00:00.000Z'],
      ['2026-04-14T07:00:00.000Z', '2026-04-14T08:00:00.000Z'],
    ]);
  });

  it('merges touching intervals: a 24/7 week is one interval', () => {
    expect(isoPairs(openIntervals(WARSAW_24_7, at('2026-03-25T10:00:00Z'), at('2026-04-01T10:00:00Z')))).toEqual([
      ['2026-03-25T10:00:00.000Z', '2026-04-01T10:00:00.000Z'],
    ]);
  });
});

/** mulberry32: a tiny deterministic PRNG, so that a failing case can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SPAN_START = at('2025-12-01T00:00:00Z');
const SPAN_LENGTH = 2 * 365 * 24 * HOUR;

describe('addBusinessTime and businessTimeBetween are inverses (500 seeded cases per calendar)', () => {
  it.each([
    ['Warsaw office with holidays', calendar('Europe/Warsaw', weekdays(OFFICE), ['2026-01-01', '2026-04-06', '2026-11-11', '2026-12-25'])],
    ['New York split shifts', calendar('America/New_York', weekdays([{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:30' }]))],
    ['Warsaw nights with a holiday', calendar('Europe/Warsaw', WARSAW_NIGHTS.weeklyHours, ['2026-03-29', '2026-10-25'])],
    ['Warsaw 24/7', WARSAW_24_7],
  ])('%s', (_label, hours) => {
    const random = seeded(20_260_329);
    for (let index = 0; index < 500; index++) {
      // Every other case on whole minutes and hours, so that many land exactly on openings and closings.
      const roundly = index % 2 === 0;
      const from = roundly ? SPAN_START + Math.floor(random() * 17_520) * HOUR : SPAN_START + Math.floor(random() * SPAN_LENGTH);
      const duration = roundly ? Math.floor(random() * 120) * HOUR : Math.floor(random() * 200 * HOUR);
      const due = addBusinessTime(hours, from, duration);
      const context = `case ${index}: from ${iso(from)} + ${duration} ms → ${iso(due)}`;
      expect(due, context).toBeGreaterThanOrEqual(from);
      expect(businessTimeBetween(hours, from, due), context).toBe(duration);
      // Nothing shorter reaches the same amount: the due instant is the earliest one.
      if (duration > 0) expect(businessTimeBetween(hours, from, due - 1), context).toBe(duration - 1);
    }
  });
});

describe('ALWAYS_OPEN', () => {
  it('equals plain arithmetic', () => {
    const random = seeded(7);
    for (let index = 0; index < 200; index++) {
      const from = SPAN_START + Math.floor(random() * SPAN_LENGTH);
      const duration = Math.floor(random() * 400 * HOUR);
      expect(addBusinessTime(ALWAYS_OPEN, from, duration)).toBe(from + duration);
      expect(businessTimeBetween(ALWAYS_OPEN, from, from + duration)).toBe(duration);
      expect(openIntervals(ALWAYS_OPEN, from, from + duration)).toEqual(duration > 0 ? [[from, from + duration]] : []);
    }
  });
});

describe('pauses, as callers build them', () => {
  it('elapsed before the pause + remaining after resuming reaches the target', () => {
    const target = 8 * HOUR;
    const started = at('2026-03-30T07:00:00Z'); // Mon 09:00 CEST
    const paused = at('2026-03-30T11:00:00Z'); // Mon 13:00
    const resumed = at('2026-04-02T08:00:00Z'); // Thu 10:00
    const elapsed = businessTimeBetween(WARSAW_OFFICE, started, paused);
    expect(elapsed).toBe(4 * HOUR);
    const due = addBusinessTime(WARSAW_OFFICE, resumed, target - elapsed);
    expect(iso(due)).toBe('2026-04-02T12:00:00.000Z'); // Thu 14:00
    expect(elapsed + businessTimeBetween(WARSAW_OFFICE, resumed, due)).toBe(target);
    // Without the pause it would have been due Monday 17:00.
    expect(iso(addBusinessTime(WARSAW_OFFICE, started, target))).toBe('2026-03-30T15:00:00.000Z');
  });
});

describe('failures', () => {
  const closed = calendar('UTC', everyDay([]));

  it('refuses a negative or non-finite duration and non-finite instants', () => {
    expect(() => addBusinessTime(WARSAW_OFFICE, at('2026-04-13T08:00:00Z'), -1)).toThrow(RangeError);
    expect(() => addBusinessTime(WARSAW_OFFICE, at('2026-04-13T08:00:00Z'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessTime(WARSAW_OFFICE, Number.POSITIVE_INFINITY, HOUR)).toThrow(RangeError);
    expect(() => businessTimeBetween(WARSAW_OFFICE, Number.NaN, 0)).toThrow(RangeError);
  });

  it('refuses to add time on a calendar that is never open, but measures 0 on it', () => {
    expect(() => addBusinessTime(closed, at('2026-04-13T08:00:00Z'), 0)).toThrow(/no open hours/);
    expect(businessTimeBetween(closed, at('2026-04-13T00:00:00Z'), at('2026-05-13T00:00:00Z'))).toBe(0);
  });

  it('gives up after 3,700 days without open time (an unvalidated calendar with every Monday a holiday)', () => {
    const mondays = Array.from({ length: 600 }, (_, week) => iso(at('2026-04-13T00:00:00Z') + week * 7 * 24 * HOUR).slice(0, 10));
    const buried = calendar('UTC', { ...everyDay([]), '1': OFFICE }, mondays);
    expect(() => addBusinessTime(buried, at('2026-04-12T00:00:00Z'), HOUR)).toThrow(/no open time in 3700 days/);
  });

  it('refuses results and spans over 36,600 days', () => {
    expect(() => addBusinessTime(ALWAYS_OPEN, 0, 36_700 * 24 * HOUR)).toThrow(RangeError);
    expect(() => businessTimeBetween(ALWAYS_OPEN, 0, 36_700 * 24 * HOUR)).toThrow(RangeError);
  });

  it('refuses an unknown zone in a calendar that skipped validation', () => {
    expect(() => addBusinessTime(calendar('Europe/Atlantis', weekdays(OFFICE)), 0, HOUR)).toThrow(RangeError);
  });
});

describe('performance', () => {
  /** The best of five runs after a warm-up: a GC pause or a busy neighbour must not fail the build. */
  const timed = (work: () => unknown): number => {
    work(); // the first call also builds the zone's formatter
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 5; run++) {
      // Date.now, not performance.now: core's tests compile with lib ES2022 only, and ms suffice here.
      const started = Date.now();
      work();
      best = Math.min(best, Date.now() - started);
    }
    return best;
  };

  it('adds 500 business hours and measures two years in well under 50 ms', () => {
    expect(timed(() => addBusinessTime(WARSAW_OFFICE, at('2026-01-05T08:00:00Z'), 500 * HOUR))).toBeLessThan(50);
    expect(timed(() => businessTimeBetween(WARSAW_OFFICE, at('2026-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z')))).toBeLessThan(50);
    expect(timed(() => businessTimeBetween(WARSAW_24_7, at('2026-01-01T00:00:00Z'), at('2028-01-01T00:00:00Z')))).toBeLessThan(50);
  });
});
