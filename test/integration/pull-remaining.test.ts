import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { seedGroupHistory } from '../support/group-history';
import { createSocketPool, request } from '../support/raw-socket';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

type PullAnswer = { ok: boolean; documents: { id: string }[]; checkpoint: { seq: number; id: string } | null; remaining?: number };

/**
 * The console shows a catch-up's progress ("Syncing 4,200 of 10,000"): a pull asked to count tells
 * how many documents the viewer may see after its page, counted on the same index ranges as the
 * pull reads them, and a ticket two scopes share (of the viewer's group, assigned to them) once.
 */
describe('a pull counts what is left after its page', () => {
  let server: TestServer;
  let agent: SignedIn;
  let socket: Awaited<ReturnType<ReturnType<typeof createSocketPool>['connect']>>;
  const sockets = createSocketPool(15_000);

  beforeAll(async () => {
    server = await startTestServer({ env: { TIERDESK_RATE_LIMITS: 'off' } });
    agent = await server.signIn({ name: 'Counting Agent' });
    const foreign = await server.api('POST', '/api/groups', { token: server.adminToken, body: { name: 'Foreign', categories: ['foreign'] } });
    // Others' history the count must not include.
    await seedGroupHistory(server.app.database, foreign.body.id, 300);
    // Tickets of the agent's group (General), routed to the agent (online): each is both "of their
    // group" and "theirs".
    socket = await sockets.connect(server.url, { token: agent.token, protocolVersion: PROTOCOL_VERSION, presence: 'online' });
    for (let index = 0; index < 7; index++) await server.intake(`Counted question ${index}`);
  }, 120_000);
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  it('equals the documents the following pages bring, for tickets and messages, and is absent unless asked', async () => {
    const assigned = await server.app.database.db.selectFrom('tickets').select('id').where('assignee_id', '=', agent.agent.id).execute();
    expect(assigned).toHaveLength(7);
    for (const collection of ['tickets', 'messages'] as const) {
      const first = await request<PullAnswer>(socket, 'sync:pull', { collection, checkpoint: null, batchSize: 2, countRemaining: true });
      expect(first.ok).toBe(true);
      let brought = 0;
      let checkpoint = first.checkpoint;
      for (;;) {
        const page = await request<PullAnswer>(socket, 'sync:pull', { collection, checkpoint, batchSize: 2 });
        expect(page.remaining).toBeUndefined();
        brought += page.documents.length;
        checkpoint = page.checkpoint;
        if (page.documents.length < 2) break;
      }
      expect(first.remaining).toBe(brought);
      expect(brought).toBeGreaterThan(0);
      const last = await request<PullAnswer>(socket, 'sync:pull', { collection, checkpoint, batchSize: 2, countRemaining: true });
      expect(last.remaining).toBe(0);
    }
  });
});
