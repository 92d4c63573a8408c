/** Time comes from here, never from Date.now() in feature code, so tests can move it. */
export type Clock = { now(): number };
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that only moves when told (TIERDESK_TEST_CLOCK=1): tests and demos jump ahead days in
 * a second, and every timer due in between fires as it would have.
 */
export class ManualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }
}
