import type { z } from 'zod';
import { INVALID_REQUEST, type Ack } from '../../core';
import type { Logger } from '../logger';
import { requestKindOf, type SocketRequestGuard } from './request-guard';
import type { DeskSocket } from './socket-types';

type Acknowledge<T> = (response: Ack<T>) => void;

/** socket.io passes the acknowledgement first when an event is sent without a payload. */
export const MISSING_PAYLOAD = { ok: false, error: `${INVALID_REQUEST}: the payload is missing` } as const;

export function invalid(error: z.ZodError, where?: string): Ack<never> {
  const issue = error.issues[0];
  const path = [where, ...(issue?.path ?? [])].filter((part) => part !== undefined).join('.');
  return { ok: false, error: `${INVALID_REQUEST}${path ? ` at ${path}` : ''}: ${issue?.message ?? 'malformed'}` };
}

/** What every request of one socket is checked against; built once per connection by the gateway. */
export type RequestContext = {
  /** False (and the socket is ended) once the session has expired, idled out or been revoked. */
  live: () => boolean;
  logger: Logger;
  guard: SocketRequestGuard;
  /** The session was used: the idle timeout starts again. */
  touch: () => void;
  /** A request was refused by a limit: the security log hears of it. */
  limited: (event: string) => void;
};

/** How a request is charged: its units (a pull's batch size), and after the work, what it did not use. */
export type Metering<I, T> = { cost(input: I): number; unused?(input: I, answer: Ack<T>): number };

/**
 * Registers a request/acknowledge handler with the checks every client event gets: an
 * acknowledgement is required, the session must still be alive, the payload must match
 * `schema`, and the socket's limits (concurrency, rate per kind, unread answer bytes) must admit
 * it. A failure answers `{ok: false, error}` (`rate_limited` with `retryAfterMs` for limits) and
 * changes nothing; an exception in `work` is logged and answered without internals.
 */
export function answerRequests<S extends z.ZodType, T>(
  socket: DeskSocket,
  event: string,
  schema: S,
  context: RequestContext,
  work: (input: z.output<S>) => Promise<Ack<T>> | Ack<T>,
  metering?: Metering<z.output<S>, T>,
): void {
  const kind = requestKindOf(event);
  // The event maps type each handler's own signature; this one registration serves them all.
  (socket as unknown as { on(event: string, listener: (request: unknown, ack: unknown) => void): void }).on(event, async (request, ack) => {
    if (typeof request === 'function') return (request as Acknowledge<T>)(MISSING_PAYLOAD);
    if (typeof ack !== 'function' || !context.live()) return;
    const respond = ack as Acknowledge<T>;
    const parsed = schema.safeParse(request);
    if (!parsed.success) return respond(invalid(parsed.error));
    const admission = context.guard.admit(socket, kind, metering?.cost(parsed.data) ?? 1);
    if (!admission.ok) {
      context.limited(event);
      return respond(admission);
    }
    context.touch();
    let answer: Ack<T> | undefined;
    try {
      answer = await work(parsed.data);
      respond(answer);
    } catch (error) {
      context.logger.error({ err: error, event }, 'socket request failed');
      respond({ ok: false, error: `${event} failed on the server` });
    } finally {
      admission.release(answer && metering?.unused ? metering.unused(parsed.data, answer) : 0);
    }
  });
}
