import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { eventually } from '../support/eventually';
import { createSocketPool, nextEvent, request } from '../support/raw-socket';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

type PullAck =
  | { ok: true; documents: { id: string; number?: number; version?: number; ticketId?: string; kind?: string; body?: string; _deleted: boolean }[]; checkpoint: { seq: number; id: string } | null }
  | { ok: false; error: string };
type PushAck = { ok: true; outcomes: { id: string; state: string; ticketVersion?: number; rejection?: { code: string } }[] } | { ok: false; error: string };

/**
 * The socket boundary: who may connect, what a pull returns, and that bad payloads are answered
 * with a reason and change nothing. One real server for the file; every socket is closed in afterAll.
 */
describe('socket boundary', () => {
  let server: TestServer;
  let agent: SignedIn;
  const sockets = createSocketPool();
  // Away: routing would otherwise hand the intake tickets of these tests to Sara and change their versions.
  const auth = (token: string, protocolVersion: unknown = PROTOCOL_VERSION) => ({ token, protocolVersion, presence: 'away' });

  beforeAll(async () => {
    server = await startTestServer();
    agent = await server.signIn({ name: 'Socket Sara' });
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  const ticketState = async (number: number) => {
    const { status, body } = await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken });
    expect(status).toBe(200);
    return body as { version: number; status: string; priority: string; assigneeId: string | null; messages: unknown[] };
  };
  const mutation = (ticketId: string, fields: Record<string, unknown> = {}) => ({
    id: crypto.randomUUID(),
    ticketId,
    createdAt: Date.now(),
    type: 'note',
    payload: { body: 'a note' },
    ...fields,
  });
  const expectRefused = (ack: { ok: boolean; error?: string }, reason?: RegExp) => {
    expect(ack.ok).toBe(false);
    expect(typeof ack.error).toBe('string');
    expect(ack.error?.length).toBeGreaterThan(0);
    if (reason) expect(ack.error).toMatch(reason);
  };

  describe('handshake', () => {
    it('connects with a valid token and the current protocol version', async () => {
      const socket = await sockets.connect(server.url, auth(agent.token));
      expect(socket.connected).toBe(true);
    });

    it('refuses a missing or bad token with "unauthorized"', async () => {
      expect(await sockets.refusal(server.url, { protocolVersion: PROTOCOL_VERSION })).toBe('unauthorized');
      expect(await sockets.refusal(server.url, auth(''))).toBe('unauthorized');
      expect(await sockets.refusal(server.url, auth('not-a-session-token'))).toBe('unauthorized');
      expect(await sockets.refusal(server.url, auth('x'.repeat(500)))).toBe('unauthorized');
      expect(await sockets.refusal(server.url, { token: 12345, protocolVersion: PROTOCOL_VERSION })).toBe('unauthorized');
    });

    it('refuses a handshake without a protocol version with "protocol_mismatch", as a console too old to send one', async () => {
      // Finding 9f: this answered "unauthorized", telling an outdated console to sign in again forever.
      expect(await sockets.refusal(server.url, { token: agent.token })).toBe('protocol_mismatch');
      expect(await sockets.refusal(server.url, {})).toBe('protocol_mismatch');
      expect(await sockets.refusal(server.url, { token: agent.token, protocolVersion: String(PROTOCOL_VERSION) })).toBe('protocol_mismatch');
    });

    it('refuses another protocol version with "protocol_mismatch"', async () => {
      expect(await sockets.refusal(server.url, auth(agent.token, PROTOCOL_VERSION + 1))).toBe('protocol_mismatch');
      expect(await sockets.refusal(server.url, auth(agent.token, PROTOCOL_VERSION - 1))).toBe('protocol_mismatch');
    });

    it('refuses the token of a signed-out session', async () => {
      const leaving = await server.signIn({ name: 'Gone Gary' });
      expect((await server.api('POST', '/api/auth/logout', { token: leaving.token })).status).toBe(204);
      expect(await sockets.refusal(server.url, auth(leaving.token))).toBe('unauthorized');
    });
  });

  describe('sign-out', () => {
    it('ends the live sockets of that session with "session:ended" and a disconnect, and no other session\'s', async () => {
      const leaving = await server.signIn({ name: 'Logout Lou' });
      const otherLogin = await server.api('POST', '/api/auth/login', { body: { email: leaving.agent.email, password: leaving.password } });
      const doomed = await sockets.connect(server.url, auth(leaving.token));
      const survivor = await sockets.connect(server.url, auth(otherLogin.body.token));

      const ended = nextEvent<{ reason: string }>(doomed, 'session:ended');
      const disconnected = nextEvent<string>(doomed, 'disconnect');
      expect((await server.api('POST', '/api/auth/logout', { token: leaving.token })).status).toBe(204);

      expect(await ended).toEqual({ reason: 'signed_out' });
      expect(await disconnected).toBe('io server disconnect');
      expect(doomed.connected).toBe(false);

      expect(survivor.connected).toBe(true);
      const pulled = await request<PullAck>(survivor, 'sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 10 });
      expect(pulled.ok).toBe(true);
    });
  });

  describe('pull and stream', () => {
    let socket: Socket;
    const created: { id: string; number: number }[] = [];

    beforeAll(async () => {
      // This suite owns the server's tickets from here on: the feed must hold exactly these.
      socket = await sockets.connect(server.url, auth(agent.token));
      for (const subject of ['First', 'Second', 'Third']) created.push(await server.intake(subject));
    });

    it('returns documents in sequence order with a checkpoint, and nothing new when pulled again from it', async () => {
      const [first, second, third] = created as [{ id: string; number: number }, { id: string; number: number }, { id: string; number: number }];
      // Changing the first ticket moves it to the end of the feed.
      const note = await server.api('POST', `/api/tickets/${first.number}/messages`, { token: agent.token, body: { kind: 'note', body: 'moved' } });
      expect(note.status).toBe(201);

      const page = await request<PullAck>(socket, 'sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 100 });
      if (!page.ok) throw new Error(page.error);
      expect(page.documents.map((doc) => doc.id)).toEqual([second.id, third.id, first.id]);
      expect(page.documents.map((doc) => doc.version)).toEqual([1, 1, 2]);
      expect(page.documents.every((doc) => doc._deleted === false)).toBe(true);
      expect(page.checkpoint).toEqual({ seq: expect.any(Number), id: first.id });

      const again = await request<PullAck>(socket, 'sync:pull', { collection: 'tickets', checkpoint: page.checkpoint, batchSize: 100 });
      if (!again.ok) throw new Error(again.error);
      expect(again.documents).toEqual([]);
      expect(again.checkpoint).toEqual(page.checkpoint);
    });

    it('pages through the feed with small batches without skipping or repeating', async () => {
      const seen: string[] = [];
      let checkpoint: unknown = null;
      let previousSeq = 0;
      for (let page = 0; page < 10; page += 1) {
        const batch: PullAck = await request<PullAck>(socket, 'sync:pull', { collection: 'tickets', checkpoint, batchSize: 2 });
        if (!batch.ok) throw new Error(batch.error);
        if (batch.documents.length === 0) break;
        expect(batch.documents.length).toBeLessThanOrEqual(2);
        seen.push(...batch.documents.map((doc) => doc.id));
        expect(batch.checkpoint!.seq).toBeGreaterThan(previousSeq);
        previousSeq = batch.checkpoint!.seq;
        checkpoint = batch.checkpoint;
      }
      expect([...seen].sort()).toEqual(created.map((ticket) => ticket.id).sort());
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('pulls messages with their tickets', async () => {
      const page = await request<PullAck>(socket, 'sync:pull', { collection: 'messages', checkpoint: null, batchSize: 100 });
      if (!page.ok) throw new Error(page.error);
      // Each of the three tickets opens with the customer's message and the acknowledgement; then the note.
      expect(page.documents).toHaveLength(7);
      expect(page.documents.map((doc) => doc.kind)).toEqual(['customer', 'auto_reply', 'customer', 'auto_reply', 'customer', 'auto_reply', 'note']);
      expect(page.documents.map((doc) => doc.ticketId)).toEqual([
        created[0]!.id, created[0]!.id, created[1]!.id, created[1]!.id, created[2]!.id, created[2]!.id, created[0]!.id,
      ]);
      expect(page.documents.at(-1)).toMatchObject({ ticketId: created[0]!.id, body: 'moved' });
    });

    it('streams a new ticket to a connected socket as "sync:changed", after the last pulled checkpoint', async () => {
      const before = await request<PullAck>(socket, 'sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 100 });
      if (!before.ok) throw new Error(before.error);
      type Batch = { collection: string; documents: { id: string; number: number; status: string }[]; checkpoint: { seq: number; id: string } };
      // Collect rather than take the next event: a batch of an earlier test's changes may still be on its way.
      const streamed: Batch[] = [];
      const collect = (batch: Batch) => streamed.push(batch);
      socket.on('sync:changed', collect);
      const fresh = await server.intake('Live one');
      const batch = await eventually('the new ticket to be streamed', () => streamed.find((entry) => entry.documents.some((doc) => doc.id === fresh.id)));
      socket.off('sync:changed', collect);
      expect(batch.collection).toBe('tickets');
      // Under load the stream gathers changes, so an earlier test's ticket may share the batch; the new one is last.
      expect(batch.documents.at(-1)).toEqual(expect.objectContaining({ id: fresh.id, number: fresh.number, status: 'new' }));
      expect(batch.checkpoint.id).toBe(fresh.id);
      expect(batch.checkpoint.seq).toBeGreaterThan(before.checkpoint!.seq);
    });
  });

  describe('push', () => {
    let socket: Socket;
    beforeAll(async () => {
      socket = await sockets.connect(server.url, auth(agent.token));
    });

    it('applies a valid mutation and bumps the ticket version', async () => {
      const ticket = await server.intake('Push target');
      const take = mutation(ticket.id, { type: 'take', payload: {} });
      const ack = await request<PushAck>(socket, 'mutations:push', { mutations: [take] });
      expect(ack).toEqual({ ok: true, outcomes: [{ id: take.id, state: 'applied', ticketVersion: 2 }] });
      expect(await ticketState(ticket.number)).toMatchObject({ version: 2, status: 'in_progress', assigneeId: agent.agent.id });
    });

    it('answers a refused mutation with its reason as an outcome', async () => {
      const ticket = await server.intake('Refused push');
      const bad = mutation(ticket.id, { type: 'setStatus', payload: { status: 'closed' } });
      const ack = await request<PushAck>(socket, 'mutations:push', { mutations: [bad] });
      expect(ack).toMatchObject({ ok: true, outcomes: [{ id: bad.id, state: 'rejected', rejection: { code: 'transition_not_allowed' } }] });
      expect((await ticketState(ticket.number)).version).toBe(1);
    });

    it('refuses a mutation id another agent already used, without applying it twice', async () => {
      const ticket = await server.intake('Stolen id');
      const other = await server.signIn({ name: 'Other Otto' });
      const otherSocket = await sockets.connect(server.url, auth(other.token));
      const note = mutation(ticket.id);
      expect(await request<PushAck>(socket, 'mutations:push', { mutations: [note] })).toMatchObject({ ok: true, outcomes: [{ state: 'applied' }] });
      const replay = await request<PushAck>(otherSocket, 'mutations:push', { mutations: [note] });
      expect(replay).toMatchObject({ ok: true, outcomes: [{ id: note.id, state: 'rejected', rejection: { code: 'invalid_mutation' } }] });
      const state = await ticketState(ticket.number);
      expect(state.version).toBe(2);
      expect((state.messages as { kind: string }[]).map((message) => message.kind)).toEqual(['customer', 'auto_reply', 'note']);
    });
  });

  describe('bad payloads are answered with a reason and change nothing', () => {
    let socket: Socket;
    let ticket: { id: string; number: number };

    beforeAll(async () => {
      socket = await sockets.connect(server.url, auth(agent.token));
      ticket = await server.intake('Bad payload target');
    });

    it.each([
      ['an unknown collection', { collection: 'agents', checkpoint: null, batchSize: 10 }, /collection/],
      ['batchSize 0', { collection: 'tickets', checkpoint: null, batchSize: 0 }, /batchSize/],
      ['a negative batchSize', { collection: 'tickets', checkpoint: null, batchSize: -5 }, /batchSize/],
      ['a fractional batchSize', { collection: 'tickets', checkpoint: null, batchSize: 1.5 }, /batchSize/],
      ['a batchSize over the maximum', { collection: 'tickets', checkpoint: null, batchSize: 1_000_000 }, /batchSize/],
      ['a string batchSize', { collection: 'tickets', checkpoint: null, batchSize: '10' }, /batchSize/],
      ['a missing checkpoint', { collection: 'tickets', batchSize: 10 }, /checkpoint/],
      ['a checkpoint of the wrong shape', { collection: 'tickets', checkpoint: { seq: 'x', id: 1 }, batchSize: 10 }, /checkpoint/],
      ['a negative checkpoint', { collection: 'tickets', checkpoint: { seq: -1, id: 'a' }, batchSize: 10 }, /checkpoint/],
      ['a string payload', 'tickets', undefined],
      ['a null payload', null, undefined],
      ['an array payload', [1, 2, 3], undefined],
    ])('sync:pull with %s', async (_what, payload, reason) => {
      expectRefused(await request<PullAck>(socket, 'sync:pull', payload), reason);
      expect(socket.connected).toBe(true);
    });

    it.each([
      ['non-array mutations', () => ({ mutations: 'take it' }), /mutations/],
      ['an object as mutations', () => ({ mutations: { 0: mutation(ticket.id) } }), /mutations/],
      ['no mutations field', () => ({}), /mutations/],
      ['a null payload', () => null, undefined],
      ['more mutations than a batch allows', () => ({ mutations: Array.from({ length: 201 }, () => mutation(ticket.id)) }), /mutations/],
      ['a mutation with an extra key', () => ({ mutations: [{ ...mutation(ticket.id), sneaky: true }] }), /mutation 0/],
      ['a payload with an extra key', () => ({ mutations: [mutation(ticket.id, { payload: { body: 'hi', authorId: 'someone' } })] }), /mutation 0/],
      ['an unknown mutation type', () => ({ mutations: [mutation(ticket.id, { type: 'delete', payload: {} })] }), /mutation 0/],
      ['a mutation id that is not a UUID', () => ({ mutations: [mutation(ticket.id, { id: 'not-a-uuid' })] }), /mutation 0/],
      ['a payload of the wrong type', () => ({ mutations: [mutation(ticket.id, { type: 'setPriority', payload: { priority: 'whenever' } })] }), /mutation 0/],
      ['an empty message body', () => ({ mutations: [mutation(ticket.id, { payload: { body: '   ' } })] }), /mutation 0/],
      ['a valid mutation followed by an invalid one', () => ({ mutations: [mutation(ticket.id), { ...mutation(ticket.id), extra: 1 }] }), /mutation 1/],
    ])('mutations:push with %s', async (_what, makePayload, reason) => {
      const before = await ticketState(ticket.number);
      const ack = await request<PushAck>(socket, 'mutations:push', makePayload());
      expectRefused(ack, reason);
      const after = await ticketState(ticket.number);
      expect(after.version).toBe(before.version);
      expect(after.messages).toHaveLength(before.messages.length);
      expect(socket.connected).toBe(true);
    });

    it.each(['sync:pull', 'mutations:push'])('%s sent without a payload is answered with ok:false, not left hanging', async (event) => {
      // socket.io hands the acknowledgement over as the first argument when no payload was sent.
      const before = await ticketState(ticket.number);
      expectRefused(await request<PullAck>(socket, event));
      expect((await ticketState(ticket.number)).version).toBe(before.version);
    });

    it('does not record the valid half of a refused batch: pushed alone later, it applies', async () => {
      const valid = mutation(ticket.id, { payload: { body: 'valid half' } });
      expectRefused(await request<PushAck>(socket, 'mutations:push', { mutations: [valid, { ...mutation(ticket.id), extra: 1 }] }));
      const before = await ticketState(ticket.number);
      const ack = await request<PushAck>(socket, 'mutations:push', { mutations: [valid] });
      expect(ack).toEqual({ ok: true, outcomes: [{ id: valid.id, state: 'applied', ticketVersion: before.version + 1 }] });
    });
  });
});
