import { afterEach, describe, expect, it, vi } from 'vitest';
import { customPeriod, dateInputValue, MAX_PERIOD_MS, parseDateInput, presetPeriod } from './period';

// Expected values are computed from local midnights the same way, so these pass in any time zone.
const now = new Date(2025, 2, 12, 15, 30).getTime();
const midnight = (year: number, month: number, day: number) => new Date(year, month, day).getTime();

describe('preset periods', () => {
  it('today is from local midnight to the next one', () => {
    expect(presetPeriod('today', now)).toEqual({ from: midnight(2025, 2, 12), to: midnight(2025, 2, 13) });
  });

  it('7 and 30 days end with today', () => {
    expect(presetPeriod('days7', now)).toEqual({ from: midnight(2025, 2, 6), to: midnight(2025, 2, 13) });
    expect(presetPeriod('days30', now)).toEqual({ from: midnight(2025, 1, 11), to: midnight(2025, 2, 13) });
  });
});

describe('periods across a clock change', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('keeps whole local days (a week with the spring change is an hour short)', () => {
    vi.stubEnv('TZ', 'Europe/Warsaw'); // Node applies a new TZ at once
    const period = presetPeriod('days7', new Date(2025, 2, 31, 12).getTime());
    expect(new Date(period.from).getHours()).toBe(0);
    expect(new Date(period.to).getHours()).toBe(0);
    expect(period.to - period.from).toBe(7 * 86_400_000 - 3_600_000);
  });
});

describe('custom periods', () => {
  it('run from the first day at midnight to the midnight after the last day', () => {
    expect(customPeriod('2025-03-01', '2025-03-07')).toEqual({ from: midnight(2025, 2, 1), to: midnight(2025, 2, 8) });
    expect(customPeriod('2025-03-07', '2025-03-07')).toEqual({ from: midnight(2025, 2, 7), to: midnight(2025, 2, 8) });
  });

  it('refuse a last day before the first, missing or impossible dates, and spans over the server limit', () => {
    expect(customPeriod('2025-03-07', '2025-03-06')).toBeNull();
    expect(customPeriod('', '2025-03-06')).toBeNull();
    expect(customPeriod('2025-02-30', '2025-03-06')).toBeNull();
    expect(customPeriod('2024-01-01', '2025-03-06')).toBeNull();
    const longest = customPeriod('2024-01-01', '2024-12-31');
    expect(longest && longest.to - longest.from).toBeLessThanOrEqual(MAX_PERIOD_MS);
  });

  it('read and write date input values as local days', () => {
    expect(parseDateInput('2025-03-07')?.getTime()).toBe(midnight(2025, 2, 7));
    expect(parseDateInput('0099-03-07')).toBeNull();
    expect(dateInputValue(new Date(2025, 0, 5, 23, 59).getTime())).toBe('2025-01-05');
  });
});
