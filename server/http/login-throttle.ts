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

  /**
   * Reserves an attempt before the (slow) password check, counted as a failure until it succeeds:
   * guesses sent all at once cannot slip past the limit while earlier ones are being checked.
   * Returns false when the email is blocked.
   */
  tryBegin(email: string): boolean {
    const recent = this.recent(email);
    if (recent.length >= this.maxFailures) return false;
    this.failures.set(email, [...recent, this.now()]);
    return true;
  }

  recordSuccess(email: string): void {
    this.failures.delete(email);
  }

  private recent(email: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(email) ?? []).filter((at) => at > since);
  }
}
