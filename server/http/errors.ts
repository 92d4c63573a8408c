import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Rejection, RejectionCode } from '../../core';

/** An error the client caused or may fix; its message is sent as `{ "error": message }`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what = 'request'): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
  throw new HttpError(400, `invalid ${what}${where}: ${issue?.message ?? 'malformed'}`);
}

/**
 * Refusals by the rules: permission problems are 403; a reference that does not resolve (a ticket,
 * the ticket a duplicate names, an agent, a group: missing or not visible to the actor, which read
 * the same) is 404; the rest 409.
 */
const STATUS_BY_REJECTION: Partial<Record<RejectionCode, number>> = {
  forbidden: 403,
  not_assigned: 403,
  ticket_not_found: 404,
  duplicate_not_found: 404,
  unknown_agent: 404,
  unknown_group: 404,
  attachment_not_found: 404,
  invalid_mutation: 400,
};

export function sendRejection(reply: FastifyReply, rejection: Rejection) {
  return reply.status(STATUS_BY_REJECTION[rejection.code] ?? 409).send({ error: rejection.message, code: rejection.code });
}

/** Every error leaves as `{ "error": "<message>" }`: ours, Fastify's (bad JSON, too large), or a 500 that hides internals. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
    // An HttpError of 5xx is deliberate (503: a setting is missing) and its message is meant for the caller.
    if (status >= 500 && !(error instanceof HttpError)) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: 'internal server error' });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Public routes accept less than the agents' API: say how much this one takes.
      const limitKb = Math.floor(request.routeOptions.bodyLimit / 1_024);
      return reply.status(413).send({ error: `the request body is too large: this endpoint accepts at most ${limitKb} KB` });
    }
    // Some errors say more than their message (a rate limit: its code and when to retry).
    const extra = (error as { extra?: Record<string, unknown> }).extra;
    return reply.status(status).send({ error: error.message, ...extra });
  });
}
