import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localMidnightAfter, startOfLocalDay } from './business-time';

/** Zones whose rules are odd: 30-minute DST, DST in the southern summer, a skipped day, 45-minute offsets. */
const ZONES = ['Europe/Warsaw', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Apia', 'Asia/Kathmandu', 'UTC'];
const FROM = Date.parse('2010-01-01T00:00:00Z');
const TO = Date.parse('2032-01-01T00:00:00Z');

/** The local date at `instant`, read straight from Intl (no cached offsets). */
const localDate = (timeZone: string, instant: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/**
 * The reference: the first instant, by minutes, whose local date is that of `instant`. Local
 * midnights fall on whole minutes in every zone since 1970.
 */
function referenceStartOfDay(timeZone: string, instant: number): number {
  const date = localDate(timeZone, instant);
  let low = Math.floor(instant / 60_000) * 60_000 - 30 * 3_600_000;
  while (localDate(timeZone, low) === date) low -= 3_600_000;
  let high = Math.floor(instant / 60_000) * 60_000;
  // Invariant: low is on the day before, high on the day itself; both whole minutes.
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (localDate(timeZone, middle) === date) high = middle;
    else low = middle;
  }
  return high;
}

describe('local days, against Intl read directly', () => {
  it('startOfLocalDay agrees with the reference at any instant, DST days included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (timeZone, instant) => {
        expect(startOfLocalDay(timeZone, instant)).toBe(referenceStartOfDay(timeZone, instant));
      }),
      { numRuns: 400 },
    );
  });

  it('agrees on every hour of the days around transitions', () => {
    const transitions = [
      ['Australia/Lord_Howe', '2026-04-05T00:00:00+11:00'],
      ['Australia/Lord_Howe', '2026-10-04T00:00:00+10:30'],
      ['Europe/Warsaw', '2026-03-29T00:00:00+01:00'],
      ['Europe/Warsaw', '2026-10-25T00:00:00+02:00'],
      ['America/Santiago', '2026-09-06T00:00:00-04:00'],
      ['Pacific/Apia', '2011-12-29T00:00:00-10:00'],
    ] as const;
    for (const [timeZone, dayStart] of transitions) {
      for (let hour = -24; hour < 48; hour++) {
        const instant = Date.parse(dayStart) + hour * 3_600_000 + 1_234;
        expect(startOfLocalDay(timeZone, instant), `${timeZone} ${new Date(instant).toISOString()}`).toBe(referenceStartOfDay(timeZone, instant));
        expect(localMidnightAfter(timeZone, instant, 1)).toBe(referenceStartOfDay(timeZone, referenceStartOfDay(timeZone, instant) + 30 * 3_600_000));
      }
    }
  });
});
