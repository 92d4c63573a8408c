import { describe, expect, it } from 'vitest';
import { CostPacer } from './cost-pacer';

describe('pacing work by what it costs', () => {
  const clock = () => {
    let now = 1_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('lets work run at once after a quiet spell, and spaces costly work to its budget', () => {
    const time = clock();
    const pacer = new CostPacer({ budget: 0.1, minMs: 0, maxMs: 150 }, time.now);
    expect(pacer.waitMs()).toBe(0);
    // Runs costing 10 ms each: the smoothed cost climbs towards 10, the spacing towards 100 ms.
    for (let run = 0; run < 20; run++) {
      const done = pacer.begin();
      time.advance(10);
      done();
    }
    expect(pacer.waitMs()).toBeGreaterThan(85);
    expect(pacer.waitMs()).toBeLessThanOrEqual(90);
    time.advance(200);
    expect(pacer.waitMs()).toBe(0);
  });

  it('keeps the spacing within its bounds', () => {
    const time = clock();
    const cheap = new CostPacer({ budget: 0.1, minMs: 25, maxMs: 200 }, time.now);
    cheap.begin()();
    expect(cheap.waitMs()).toBe(25);
    const costly = new CostPacer({ budget: 0.1, minMs: 0, maxMs: 150 }, time.now);
    for (let run = 0; run < 10; run++) {
      const done = costly.begin();
      time.advance(100);
      done();
    }
    expect(costly.waitMs()).toBe(150 - 100);
  });
});
