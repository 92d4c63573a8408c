/** How often a repeated piece of work may run, as a share of the time it costs. */
export type PacerBounds = {
  /** At most this share of the time goes to the work (0.1: runs at least ten times their cost apart). */
  budget: number;
  /** Never closer than this (ms). */
  minMs: number;
  /** Never further apart than this (ms), whatever the work costs. */
  maxMs: number;
};

/** How much of each new measurement enters the smoothed cost. */
const SMOOTHING = 0.3;

/**
 * Spaces a repeated piece of work (sending the live stream, computing KPI updates) by what it has
 * cost lately: after a quiet spell it may run at once; while it keeps being asked for, runs are
 * spaced so that the work takes at most `budget` of the time. Cheap work stays immediate, costly
 * work (thousands of sockets) is batched more.
 */
export class CostPacer {
  private lastStartedAt = -Infinity;
  private costMs = 0;

  constructor(
    private readonly bounds: PacerBounds,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How long to wait, from now, before the next run (0: it may run now). */
  waitMs(): number {
    const spacing = Math.min(this.bounds.maxMs, Math.max(this.bounds.minMs, this.costMs / this.bounds.budget));
    return Math.max(0, this.lastStartedAt + spacing - this.now());
  }

  /** A run starts; call the returned function when it has ended, to measure it. */
  begin(): () => void {
    const started = this.now();
    this.lastStartedAt = started;
    return () => {
      this.costMs = (1 - SMOOTHING) * this.costMs + SMOOTHING * (this.now() - started);
    };
  }
}
