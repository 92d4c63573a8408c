import type { FastifyReply } from 'fastify';
import type { LimitSettings } from '../config';
import type { SecurityLog } from '../features/security/security-log';
import { addressKey } from '../limits/address-key';
import { KeyedLimiter, type Verdict } from '../limits/keyed-limiter';

/** Which public request a limit refused, as the security log names it. */
export type IntakeRoute = 'intake' | 'customer_message' | 'rating';

/**
 * The limits of the public intake (README "Limits"): requests per source address
 * (`intakePerAddress`, over new tickets, customer messages and ratings) and messages per requester
 * (`intakePerRequester`, over new tickets and customer messages), so neither one address nor a
 * flood for one requester from many addresses can fill the desk. Buckets live in memory, bounded
 * (KeyedLimiter), per server process. Every refusal is recorded in the security log (which
 * coalesces floods). With TIERDESK_RATE_LIMITS=off everything passes.
 */
export class IntakeLimits {
  private readonly perAddress: KeyedLimiter;
  private readonly perRequester: KeyedLimiter;

  constructor(
    settings: LimitSettings,
    private readonly securityLog: SecurityLog,
  ) {
    this.perAddress = new KeyedLimiter(settings.intakePerAddress, { enabled: settings.enabled });
    this.perRequester = new KeyedLimiter(settings.intakePerRequester, { enabled: settings.enabled });
  }

  /** Charges one request to the source address (`request.ip`, which honours TIERDESK_TRUST_PROXY). */
  admitAddress(address: string, route: IntakeRoute): Verdict {
    const verdict = this.perAddress.take(addressKey(address));
    if (!verdict.allowed) this.securityLog.record({ kind: 'rate_limited', address, detail: { limit: 'intakePerAddress', route } });
    return verdict;
  }

  /** Charges one message to the requester (their email, normalised), for a request from `address`. */
  admitRequester(email: string, address: string, route: IntakeRoute): Verdict {
    const requester = normaliseRequester(email);
    const verdict = this.perRequester.take(requester);
    if (!verdict.allowed) this.securityLog.record({ kind: 'rate_limited', email: requester, address, detail: { limit: 'intakePerRequester', route } });
    return verdict;
  }
}

/**
 * One requester however the address is written: case and surrounding blanks aside, a `+tag` in
 * the local part (`cleo+1@`, `cleo+2@`) reaches the same mailbox, so it counts as the same person.
 */
export function normaliseRequester(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  const local = address.slice(0, at).split('+')[0] || address.slice(0, at);
  return `${local}${address.slice(at)}`;
}

/** 429 with `Retry-After` (whole seconds) and `{error, code: "rate_limited", retryAfterMs}`. */
export function sendRateLimited(reply: FastifyReply, verdict: { retryAfterMs: number }, limit: 'intakePerAddress' | 'intakePerRequester') {
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1_000));
  const what = limit === 'intakePerAddress' ? 'too many requests from this address' : 'too many messages from this requester';
  return reply
    .status(429)
    .header('retry-after', String(seconds))
    .send({ error: `${what}: try again in ${seconds} s`, code: 'rate_limited', retryAfterMs: verdict.retryAfterMs });
}
