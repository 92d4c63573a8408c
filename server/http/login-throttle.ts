import type { LimitSettings } from '../config';
import { KeyedLimiter } from '../limits/keyed-limiter';

export type LoginThrottleSettings = Pick<LimitSettings, 'enabled' | 'loginFailuresPerAddress' | 'loginFreeFailures' | 'loginMaxDelayMs'>;

/** Refused before any password check; `retryAfterMs` is when this attempt would be taken. */
export type ThrottleRefusal = { allowed: false; scope: 'address' | 'account'; retryAfterMs: number };

/**
 * A reserved attempt: counted as a failure from the start, so that guesses sent all at once
 * cannot slip past the limits while earlier ones are still in the (slow) password check. Settle
 * it exactly once: `failed` keeps it counted, `succeeded` clears the account's failures,
 * `released` undoes the reservation (the password was right but a second factor is still due).
 */
export type ReservedAttempt = { allowed: true; failed(): void; succeeded(): void; released(): void };

/** The first refusal of an account waits this long; each further failure doubles it, up to the maximum. */
export const FIRST_DELAY_MS = 1_000;
/** An account's failures are forgotten this long after its last one (a success forgets them at once). */
export const ACCOUNT_MEMORY_MS = 60 * 60_000;
const MAX_ACCOUNTS = 100_000;
const MAX_ADDRESSES = 100_000;

type AccountFailures = { failures: number; lastFailureAt: number };

const UNTHROTTLED: ReservedAttempt = { allowed: true, failed: () => undefined, succeeded: () => undefined, released: () => undefined };

/**
 * Slows password guessing without letting a stranger lock anyone out (in memory, per server
 * process: a restart forgives, and each process of a scale-out deployment counts on its own):
 * - per source address, failed sign-ins over every account are a token bucket
 *   (`loginFailuresPerAddress`, e.g. 20/15m): a spray of one guess on each of many emails from
 *   one address is refused once the bucket is empty;
 * - per account, the first `loginFreeFailures` failures cost nothing; after them each attempt
 *   must wait FIRST_DELAY_MS doubled per further failure, at most `loginMaxDelayMs`, since the
 *   last failure. Attempts inside that delay are refused without being counted, so the owner,
 *   from any address, gets in at most `loginMaxDelayMs` after the attacker's last guess.
 * Memory is bounded: at most MAX_ACCOUNTS accounts and MAX_ADDRESSES addresses are remembered,
 * the least recently failed going first. `enabled: false` (TIERDESK_RATE_LIMITS=off) lets
 * everything through and remembers nothing.
 */
export class LoginThrottle {
  private readonly addresses: KeyedLimiter;
  private readonly accounts = new Map<string, AccountFailures>();

  constructor(
    private readonly settings: LoginThrottleSettings,
    private readonly now: () => number,
  ) {
    this.addresses = new KeyedLimiter(settings.loginFailuresPerAddress, { now, maxKeys: MAX_ADDRESSES, enabled: settings.enabled });
  }

  /** How long an account with `failures` failures makes the next attempt wait after the last one. */
  delayAfter(failures: number): number {
    if (failures < this.settings.loginFreeFailures) return 0;
    const doublings = Math.min(failures - this.settings.loginFreeFailures, 40);
    return Math.min(this.settings.loginMaxDelayMs, FIRST_DELAY_MS * 2 ** doublings);
  }

  /** Reserves an attempt at `account` (a normalised email) from `address`, or says why and for how long not. */
  begin(account: string, address: string): ReservedAttempt | ThrottleRefusal {
    if (!this.settings.enabled) return UNTHROTTLED;
    const now = this.now();
    const previous = this.remembered(account, now);
    const wait = previous ? previous.lastFailureAt + this.delayAfter(previous.failures) - now : 0;
    if (wait > 0) return { allowed: false, scope: 'account', retryAfterMs: wait };
    const addressKey = addressKeyOf(address);
    const verdict = this.addresses.take(addressKey);
    if (!verdict.allowed) return { allowed: false, scope: 'address', retryAfterMs: verdict.retryAfterMs };

    this.remember(account, { failures: (previous?.failures ?? 0) + 1, lastFailureAt: now });
    let settled = false;
    const settle = (undo: boolean, forget: boolean) => {
      if (settled) return;
      settled = true;
      if (!undo) return;
      this.addresses.refund(addressKey, 1);
      const current = this.accounts.get(account);
      if (!current) return;
      if (forget || current.failures <= 1) {
        this.accounts.delete(account);
        return;
      }
      current.failures -= 1;
      // Only this reservation moved the time: give the earlier failure's time back.
      if (current.lastFailureAt === now && previous) current.lastFailureAt = previous.lastFailureAt;
    };
    return {
      allowed: true,
      failed: () => settle(false, false),
      succeeded: () => settle(true, true),
      released: () => settle(true, false),
    };
  }

  /** Accounts and addresses currently remembered (tests: memory stays bounded). */
  get size(): { accounts: number; addresses: number } {
    return { accounts: this.accounts.size, addresses: this.addresses.size };
  }

  private remembered(account: string, now: number): AccountFailures | undefined {
    const entry = this.accounts.get(account);
    if (entry && now - entry.lastFailureAt >= ACCOUNT_MEMORY_MS) {
      this.accounts.delete(account);
      return undefined;
    }
    return entry;
  }

  private remember(account: string, entry: AccountFailures): void {
    // Re-inserting moves the key to the end: the Map's order is least recently failed first.
    this.accounts.delete(account);
    this.accounts.set(account, entry);
    while (this.accounts.size > MAX_ACCOUNTS) {
      const oldest = this.accounts.keys().next().value;
      if (oldest === undefined) break;
      this.accounts.delete(oldest);
    }
  }
}

/**
 * One key per client: an IPv4 address (also when written IPv4-mapped, ::ffff:a.b.c.d) or an IPv6
 * /64, the block one subscriber gets; counting single IPv6 addresses would let one client
 * rotate through 2^64 of them.
 */
export function addressKeyOf(address: string): string {
  const value = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (mapped?.[1]) return mapped[1];
  if (!value.includes(':')) return value;
  const [head = '', tail = ''] = value.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = value.includes('::') && tail ? tail.split(':') : [];
  const groups = value.includes('::') ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
