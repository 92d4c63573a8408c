import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret } from '../auth/tokens';
import type { LimitSettings } from '../config';
import type { SecurityLog } from '../features/security/security-log';
import { HttpError } from './errors';

/** A 429 that says which limit and when to come back, in the body as well as in Retry-After. */
export class RateLimitedError extends HttpError {
  readonly extra: { code: 'rate_limited'; retryAfterMs: number };

  constructor(retryAfterMs: number, what: string) {
    super(429, `too many requests (${what}): try again in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.extra = { code: 'rate_limited', retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)) };
  }
}

const bearerOf = (request: FastifyRequest): string | undefined => /^bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];

/**
 * Every HTTP request counts against its source address (`request.ip`, which follows
 * TIERDESK_TRUST_PROXY) and, when it carries a token, against that token: a busy office behind one
 * address is not throttled by one agent, and one token cannot use the address's whole allowance.
 * Invented tokens only add keys; the address limit still holds them. Both are checked in one
 * hook for every request (pages, API, unknown paths alike), on @fastify/rate-limit's counters.
 * Off with TIERDESK_RATE_LIMITS=off.
 */
export async function registerHttpRateLimits(app: FastifyInstance, deps: { limits: LimitSettings; securityLog: SecurityLog }): Promise<void> {
  const { limits, securityLog } = deps;
  if (!limits.enabled) return;
  await app.register(rateLimit, { global: false, cache: 100_000 });
  const perAddress = app.createRateLimit({ max: limits.httpPerAddress.count, timeWindow: limits.httpPerAddress.windowMs });
  const perToken = app.createRateLimit({
    max: limits.httpPerSession.count,
    timeWindow: limits.httpPerSession.windowMs,
    keyGenerator: (request) => `token:${hashSecret(bearerOf(request) ?? '')}`,
  });
  app.addHook('onRequest', async (request, reply) => {
    const checks: [string, typeof perAddress][] = bearerOf(request) === undefined ? [['http_address', perAddress]] : [['http_address', perAddress], ['http_session', perToken]];
    for (const [limit, check] of checks) {
      const verdict = await check(request);
      if (!('isExceeded' in verdict) || !verdict.isExceeded) continue;
      securityLog.record({ kind: 'rate_limited', address: request.ip, detail: { limit } });
      reply.header('retry-after', String(Math.max(1, Math.ceil(verdict.ttl / 1000))));
      throw new RateLimitedError(verdict.ttl, limit === 'http_address' ? 'this address' : 'this session');
    }
  });
}
