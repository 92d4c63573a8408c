/** Time comes from here, never from Date.now() in feature code, so tests can move it. */
export type Clock = { now(): number };
export const systemClock: Clock = { now: () => Date.now() };
