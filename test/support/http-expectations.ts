import { expect } from 'vitest';
import type { TestServer } from './test-server';

export type ApiResponse = Awaited<ReturnType<TestServer['api']>>;

/** A refusal as the API promises it: the status, and a non-empty `{ error }` (matching `message` when given). */
export function expectError(response: ApiResponse, status: number, message?: RegExp): void {
  expect(response.status).toBe(status);
  expect(typeof response.body?.error).toBe('string');
  expect(response.body.error.length).toBeGreaterThan(0);
  if (message) expect(response.body.error).toMatch(message);
}

/** Ticket calls used across the HTTP suites; `server` is read lazily because suites start it in beforeAll. */
export function ticketHttp(server: () => TestServer) {
  return {
    async read(number: number, token = server().adminToken) {
      const response = await server().api('GET', `/api/tickets/${number}`, { token });
      expect(response.status).toBe(200);
      return response.body;
    },
    patch: (number: number, token: string, body: unknown) => server().api('PATCH', `/api/tickets/${number}`, { token, body }),
    customerWrites: (number: number, accessKey: string | undefined, body: unknown) =>
      server().api('POST', `/api/tickets/${number}/customer-messages`, { body, headers: accessKey === undefined ? {} : { 'x-access-key': accessKey } }),
  };
}
