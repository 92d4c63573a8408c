import type { Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { ApiResponse } from './http-expectations';
import { request } from './raw-socket';

/**
 * Shared pieces of the bad-input suites: bodies no JSON endpoint may read, refusal checks whose
 * failure messages name the case, and socket event recorders that prove nothing was emitted.
 */

/** Bodies every JSON endpoint must refuse before reading them (the same set http-bad-input.test.ts sends). */
export const MALFORMED_BODIES: readonly { name: string; body: string; status: number }[] = [
  { name: 'truncated JSON', body: '{"a":', status: 400 },
  { name: 'not JSON at all', body: 'hello there', status: 400 },
  { name: 'an empty body with a JSON content type', body: '', status: 400 },
  { name: 'a prototype-poisoning key', body: '{"__proto__":{"admin":true}}', status: 400 },
  { name: 'JSON null', body: 'null', status: 400 },
  { name: 'a JSON array', body: '[]', status: 400 },
  { name: 'a JSON string', body: '"text"', status: 400 },
  { name: 'a body over 1 MB', body: JSON.stringify({ reason: 'x'.repeat(1_100_000) }), status: 413 },
];

/** An HTTP refusal as the API promises it: `status`, a non-empty `{ error }`, and the rejection `code` when given. */
export function expectRefusal(response: ApiResponse, what: string, status: number, code?: string): void {
  const shown = JSON.stringify(response.body)?.slice(0, 300);
  expect(response.status, `${what}: status (body ${shown})`).toBe(status);
  expect(typeof response.body?.error, `${what}: error is a string (body ${shown})`).toBe('string');
  expect(response.body.error.trim().length, `${what}: error is not empty`).toBeGreaterThan(0);
  if (code !== undefined) expect(response.body.code, `${what}: rejection code (body ${shown})`).toBe(code);
}

export type SocketAck = { ok: boolean; error?: string };

/** A socket refusal: `{ ok: false, error }` with a non-empty reason (matching `reason` when given). */
export function expectRefusedAck(ack: unknown, what: string, reason?: RegExp): void {
  const answer = ack as SocketAck;
  expect(answer?.ok, `${what}: ok (ack ${JSON.stringify(ack)?.slice(0, 300)})`).toBe(false);
  expect(typeof answer.error, `${what}: error is a string`).toBe('string');
  expect(answer.error!.trim().length, `${what}: error is not empty`).toBeGreaterThan(0);
  if (reason) expect(answer.error, `${what}: reason`).toMatch(reason);
}

/** Every payload of `event` a socket receives from now on (listen before acting, read after `settle`). */
export function recordEvents<T = unknown>(socket: Socket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}

/**
 * Resolves once every socket has received what the server emitted to it before now: the answer to
 * a request travels the same ordered connection behind earlier events. The short pause first lets
 * handlers of fire-and-forget emits (sent without an ack) finish their database reads.
 */
export async function settle(sockets: readonly Socket[], pauseMs = 100): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  await Promise.all(sockets.map((socket) => request(socket, 'sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 1 })));
}
