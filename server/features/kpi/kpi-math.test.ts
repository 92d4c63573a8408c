import { describe, expect, it } from 'vitest';
import { average, durationStats, share } from './kpi-math';

const MINUTE = 60_000;

describe('durationStats', () => {
  it('has no median and no mean when nothing was measured (the panel shows a dash, not 0)', () => {
    expect(durationStats([])).toEqual({ count: 0, medianMs: null, meanMs: null });
  });

  it('takes the middle value of an odd count, whatever order the values came in', () => {
    expect(durationStats([9 * MINUTE, 1 * MINUTE, 4 * MINUTE])).toEqual({ count: 3, medianMs: 4 * MINUTE, meanMs: (14 / 3) * MINUTE });
  });

  it('averages the two middle values of an even count', () => {
    expect(durationStats([10 * MINUTE, 2 * MINUTE, 4 * MINUTE, 100 * MINUTE])).toEqual({ count: 4, medianMs: 7 * MINUTE, meanMs: 29 * MINUTE });
  });

  it('is the value itself for one measurement, zero included', () => {
    expect(durationStats([0])).toEqual({ count: 1, medianMs: 0, meanMs: 0 });
    expect(durationStats([5 * MINUTE])).toEqual({ count: 1, medianMs: 5 * MINUTE, meanMs: 5 * MINUTE });
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    durationStats(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('share', () => {
  it('tells 0 of 0 (no share) from 0 of 40', () => {
    expect(share(0, 0)).toEqual({ part: 0, whole: 0, share: null });
    expect(share(0, 40)).toEqual({ part: 0, whole: 40, share: 0 });
  });

  it('is the part over the whole', () => {
    expect(share(1, 4)).toEqual({ part: 1, whole: 4, share: 0.25 });
    expect(share(1, 1).share).toBe(1);
  });
});

describe('average', () => {
  it('is null with nothing to average', () => {
    expect(average([])).toEqual({ count: 0, average: null });
  });

  it('averages the scores', () => {
    expect(average([5, 4, 1])).toEqual({ count: 3, average: 10 / 3 });
  });
});
