import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { eventually } from '../support/eventually';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer, type TestServer } from '../support/test-server';

const postgresReason = await postgresUnavailableReason();
if (postgresReason) console.warn(`[skip] offline sync on PostgreSQL: ${postgresReason}`);

const backends = [
  { name: 'SQLite', available: true, database: async () => ({ url: undefined, drop: async () => undefined }) },
  { name: 'PostgreSQL', available: postgresReason === null, database: async () => createScratchDatabase() },
];

for (const backend of backends) {
  describe.skipIf(!backend.available)(`offline-first sync on ${backend.name}`, () => {
    let server: TestServer;
    let dropDatabase: () => Promise<void>;

    beforeAll(async () => {
      const database = await backend.database();
      dropDatabase = database.drop;
      server = await startTestServer({ databaseUrl: database.url });
    });
    afterAll(async () => {
      await server?.stop();
      await dropDatabase?.();
    });

    it('two agents converge after one works offline, and a refused offline change comes back with its reason', async () => {
      const alice = await server.signIn({ name: 'Alice' });
      const bob = await server.signIn({ name: 'Bob' });
      // Away: this is about sync, and routing would otherwise give the ticket to one of them.
      const deskA = await openTestDesk(server.url, alice, { presence: 'away' });
      const deskB = await openTestDesk(server.url, bob, { presence: 'away' });
      try {
        const created = await server.intake('VPN drops every hour');
        await eventually('both desks to receive the new ticket', async () => (await current(deskA.ticket$(created.id))) && (await current(deskB.ticket$(created.id))));

        // The request comes first and its acknowledgement second, on every desk, every time.
        await eventually('the opening messages to arrive', async () => (await current(deskB.messages$(created.id))).length === 2);
        expect((await current(deskB.messages$(created.id))).map((message) => message.kind)).toEqual(['customer', 'auto_reply']);

        await deskA.record({ ticketId: created.id, type: 'take', payload: {} });
        await eventually('Bob to see Alice as assignee', async () => (await current(deskB.ticket$(created.id)))?.assigneeId === alice.agent.id);

        deskB.socket.disconnect();
        await eventually('Bob to be offline', async () => (await current(deskB.connection$)).status === 'offline');
        await deskB.record({ ticketId: created.id, type: 'note', payload: { body: 'Seen this before: MTU issue' } });
        await deskB.record({ ticketId: created.id, type: 'setPriority', payload: { priority: 'urgent' } });
        // Offline, Bob's desk shows his note at once and counts two unsynced changes.
        const offlineMessages = await current(deskB.messages$(created.id));
        expect(offlineMessages.find((message) => message.body === 'Seen this before: MTU issue')?.pending).toBe(true);
        expect((await current(deskB.connection$)).pending).toBe(2);

        await deskA.record({ ticketId: created.id, type: 'reply', payload: { body: 'Could you send us your logs?' } });
        await deskA.record({ ticketId: created.id, type: 'setStatus', payload: { status: 'waiting_for_customer' } });
        await eventually('Alice\'s changes to reach the server', async () => (await server.api('GET', `/api/tickets/${created.number}`, { token: alice.token })).body.status === 'waiting_for_customer');

        deskB.socket.connect();
        const rejections = await eventually('Bob\'s priority change to be refused', async () => {
          const list = await current(deskB.rejections$);
          return list.length > 0 && list;
        });
        expect(rejections[0]).toMatchObject({ ticketNumber: created.number, type: 'setPriority', rejection: { code: 'not_assigned' } });

        const serverView = await eventually('the server to hold both agents\' work', async () => {
          const { body } = await server.api('GET', `/api/tickets/${created.number}`, { token: alice.token });
          return body.messages.length === 4 && body;
        });
        expect(serverView.messages.map((message: { kind: string }) => message.kind)).toEqual(['customer', 'auto_reply', 'reply', 'note']);
        expect(serverView).toMatchObject({ status: 'waiting_for_customer', priority: 'normal', assigneeId: alice.agent.id });

        for (const desk of [deskA, deskB]) {
          await eventually(`${desk.agent.name}'s desk to converge`, async () => {
            const ticket = await current(desk.ticket$(created.id));
            const messages = await current(desk.messages$(created.id));
            return (
              ticket !== null &&
              ticket.version === serverView.version &&
              !ticket.hasPendingChanges &&
              messages.length === 4 &&
              messages.every((message) => !message.pending) &&
              (await current(desk.connection$)).pending === 0
            );
          });
        }
      } finally {
        await deskA.close();
        await deskB.close();
      }
    });

    it('applies a retried push once and answers the retry with the recorded outcome', async () => {
      const carol = await server.signIn({ name: 'Carol' });
      const created = await server.intake('Invoice missing');
      const { io } = await import('socket.io-client');
      const socket = io(server.url, { auth: { token: carol.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' }, forceNew: true, transports: ['websocket'] });
      try {
        await eventually('the raw socket to connect', () => socket.connected);
        const mutation = { id: crypto.randomUUID(), ticketId: created.id, createdAt: Date.now(), type: 'reply', payload: { body: 'Sent again' } };
        const first = await socket.timeout(5_000).emitWithAck('mutations:push', { mutations: [mutation] });
        const second = await socket.timeout(5_000).emitWithAck('mutations:push', { mutations: [mutation] });
        expect(first).toEqual({ ok: true, outcomes: [{ id: mutation.id, state: 'applied', ticketVersion: 2 }] });
        expect(second).toEqual(first);
        const { body } = await server.api('GET', `/api/tickets/${created.number}`, { token: carol.token });
        expect(body.messages.filter((message: { body: string }) => message.body === 'Sent again')).toHaveLength(1);
        expect(body.version).toBe(2);
      } finally {
        socket.disconnect();
      }
    });
  });
}
