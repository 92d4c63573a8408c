/**
 * Slows password guessing: after `maxFailures` failed sign-ins for one email within the window,
 * further attempts are refused until the window passes. In memory: a restart forgives, which is
 * acceptable for a throttle (argon2id already makes each guess expensive).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  isBlocked(email: string): boolean {
    return this.recent(email).length >= this.maxFailures;
  }

  recordFailure(email: string): void {
    this.failures.set(email, [...this.recent(email), this.now()]);
  }

  recordSuccess(email: string): void {
    this.failures.delete(email);
  }

  private recent(email: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(email) ?? []).filter((at) => at > since);
  }
}
