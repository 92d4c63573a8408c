import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { ManualClock } from '../../server/clock';
import { eventually } from '../support/eventually';
import { createSocketPool, nextEvent, request } from '../support/raw-socket';
import { current, openTestDesk } from '../support/test-desk';
import { ADMIN, startTestServer, type TestServer } from '../support/test-server';

const HOUR = 3_600_000;
const auth = (token: string, presence: 'online' | 'away' = 'online') => ({ token, protocolVersion: PROTOCOL_VERSION, presence });

/**
 * Finding 3 of the hardening issue: 40 s after its session expired, a socket still received
 * ticket:assigned and sync:changed, still counted as online, and routing still gave it tickets;
 * it was cut only when the client next sent an event. Now the server ends it on time, by itself.
 */
describe('sessions end on time', () => {
  const clock = new ManualClock(Date.UTC(2026, 11, 2, 9));
  let server: TestServer;
  const sockets = createSocketPool();

  beforeAll(async () => {
    // A one-hour lifetime and a 30-minute idle timeout, on a clock the test moves.
    server = await startTestServer({ clock, env: { TIERDESK_SESSION_TTL_HOURS: '1', TIERDESK_SESSION_IDLE_MINUTES: '30' } });
  });
  afterEach(() => sockets.closeAll());
  afterAll(async () => server?.stop());

  /** The test server's own admin token expires with the clock too: sign in again when needed. */
  const freshAdminToken = async () => (await server.api('POST', '/api/auth/login', { body: ADMIN })).body.token as string;
  /** Agents are created with a fresh admin session, whatever the clock did before. */
  const signIn = async (name: string) => {
    const token = await freshAdminToken();
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@test.local`;
    const password = 'a-long-enough-passphrase-7';
    expect((await server.api('POST', '/api/agents', { token, body: { email, name, password, role: 'agent', level: 1 } })).status).toBe(201);
    const login = await server.api('POST', '/api/auth/login', { body: { email, password } });
    return { token: login.body.token as string, agent: login.body.agent, password };
  };

  it('ends an expired session’s socket at once: no more pushes, presence offline, routing passes it by', async () => {
    const expiring = await signIn('Expiring Eve');
    const socket = await sockets.connect(server.url, auth(expiring.token));
    await eventually('Eve to be online', () => server.app.presence.presenceOf(expiring.agent.id) === 'online');
    const pushes: string[] = [];
    socket.on('ticket:assigned', () => pushes.push('ticket:assigned'));
    socket.on('sync:changed', () => pushes.push('sync:changed'));

    // In use (never idle) for 50 minutes; then its lifetime runs out while the console sends nothing.
    for (let step = 0; step < 2; step++) {
      clock.advance(25 * 60_000);
      expect((await request<{ ok: boolean }>(socket, 'presence:set', { state: 'online', manual: false })).ok).toBe(true);
    }
    const ended = nextEvent<{ reason: string }>(socket, 'session:ended', 3_000);
    clock.advance(11 * 60_000);
    expect(await ended).toEqual({ reason: 'expired' });
    await eventually('the socket to be closed by the server', () => !socket.connected, 3_000);
    expect(server.app.presence.presenceOf(expiring.agent.id)).toBe('offline');

    const seenBefore = pushes.length;
    const ticket = await server.intake('Arrives after Eve’s session ended');
    const stored = await server.api('GET', `/api/tickets/${ticket.number}`, { token: await freshAdminToken() });
    expect(stored.body.assigneeId).not.toBe(expiring.agent.id);
    expect(pushes.length).toBe(seenBefore);
    expect((await server.api('GET', '/api/groups', { token: expiring.token })).status).toBe(401);
  });

  it('ends a session unused for the idle timeout, but not one in use', async () => {
    const idle = await signIn('Idle Ida');
    const busy = await signIn('Busy Ben');
    const idleSocket = await sockets.connect(server.url, auth(idle.token, 'away'));
    const busySocket = await sockets.connect(server.url, auth(busy.token, 'away'));
    const idleEnded = nextEvent<{ reason: string }>(idleSocket, 'session:ended', 5_000);

    for (let step = 0; step < 4; step++) {
      clock.advance(10 * 60_000);
      // Ben works (any request counts); Ida's console sends nothing.
      expect((await request<{ ok: boolean }>(busySocket, 'presence:set', { state: 'away', manual: true })).ok).toBe(true);
    }
    expect(await idleEnded).toEqual({ reason: 'idle' });
    await eventually('the idle socket to be closed', () => !idleSocket.connected, 3_000);
    expect((await server.api('GET', '/api/groups', { token: idle.token })).status).toBe(401);
    expect(busySocket.connected).toBe(true);
    expect((await server.api('GET', '/api/groups', { token: busy.token })).status).toBe(200);
  });

  it('keeps every pending intent of an ended session and sends it under the next sign-in', async () => {
    const agent = await signIn('Offline Olga');
    const ticket = await server.intake('Olga writes while her session ends');
    const databaseName = `desk_session_end_${Date.now()}`;
    const desk = await openTestDesk(server.url, agent, { presence: 'away', databaseName });
    await eventually('the ticket on Olga’s desk', async () => (await current(desk.ticket$(ticket.id))) !== null);
    desk.socket.disconnect();
    await desk.record({ ticketId: ticket.id, type: 'note', payload: { body: 'Written offline, before the session ended' } });

    clock.advance(2 * HOUR);
    desk.socket.connect();
    await eventually('the desk to learn that its session ended', async () => (await current(desk.connection$)).refusal === 'unauthorized', 5_000);
    expect((await current(desk.connection$)).pending).toBe(1);
    await desk.close();

    // Olga signs in again on the same machine: the same local database, a new token.
    const again = await server.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: agent.password } });
    expect(again.status).toBe(200);
    const reopened = await openTestDesk(server.url, { ...agent, token: again.body.token }, { presence: 'away', databaseName });
    try {
      await eventually('the kept note to reach the server', async () => {
        const read = await server.api('GET', `/api/tickets/${ticket.number}`, { token: again.body.token });
        // Exactly once: the push refused with the ended session and sent again is applied one time.
        return read.body.messages?.filter((message: { body: string }) => message.body === 'Written offline, before the session ended').length === 1;
      });
      await eventually('nothing to be left unsent', async () => (await current(reopened.connection$)).pending === 0);
    } finally {
      await reopened.close();
    }
  });
});
