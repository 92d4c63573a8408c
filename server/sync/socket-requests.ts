import type { z } from 'zod';
import { INVALID_REQUEST, type Ack } from '../../core';
import type { Logger } from '../logger';
import type { DeskSocket } from './socket-types';

type Acknowledge<T> = (response: Ack<T>) => void;

/** socket.io passes the acknowledgement first when an event is sent without a payload. */
export const MISSING_PAYLOAD = { ok: false, error: `${INVALID_REQUEST}: the payload is missing` } as const;

export function invalid(error: z.ZodError, where?: string): Ack<never> {
  const issue = error.issues[0];
  const path = [where, ...(issue?.path ?? [])].filter((part) => part !== undefined).join('.');
  return { ok: false, error: `${INVALID_REQUEST}${path ? ` at ${path}` : ''}: ${issue?.message ?? 'malformed'}` };
}

/**
 * Registers a request/acknowledge handler with the checks every client event gets: an
 * acknowledgement is required, the session must still be alive (`live`), and the payload must
 * match `schema`. A failure answers `{ok: false, error}` and changes nothing; an exception in
 * `work` is logged and answered without internals.
 */
export function answerRequests<S extends z.ZodType, T>(
  socket: DeskSocket,
  event: string,
  schema: S,
  options: { live: () => boolean; logger: Logger },
  work: (input: z.output<S>) => Promise<Ack<T>> | Ack<T>,
): void {
  // The event maps type each handler's own signature; this one registration serves them all.
  (socket as unknown as { on(event: string, listener: (request: unknown, ack: unknown) => void): void }).on(event, async (request, ack) => {
    if (typeof request === 'function') return (request as Acknowledge<T>)(MISSING_PAYLOAD);
    if (typeof ack !== 'function' || !options.live()) return;
    const respond = ack as Acknowledge<T>;
    const parsed = schema.safeParse(request);
    if (!parsed.success) return respond(invalid(parsed.error));
    try {
      respond(await work(parsed.data));
    } catch (error) {
      options.logger.error({ err: error, event }, 'socket request failed');
      respond({ ok: false, error: `${event} failed on the server` });
    }
  });
}
