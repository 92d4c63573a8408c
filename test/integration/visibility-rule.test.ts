import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { eventually } from '../support/eventually';
import { createSocketPool } from '../support/raw-socket';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * In this slice every agent sees every ticket, so the rule cannot show itself. Here it is
 * replaced by a stricter one (tickets whose subject starts with "RESTRICTED" are visible to
 * supervisors and admins only), and every read path must follow it: pull, live stream, HTTP
 * read, and mutations. A path that bypassed `canSeeTicket` would leak the restricted ticket.
 */
vi.mock('../../server/sync/visibility', () => ({
  canSeeTicket: (agent: { role: string; active: boolean }, ticket: { subject: string }) =>
    agent.active && (!ticket.subject.startsWith('RESTRICTED') || agent.role !== 'agent'),
}));

describe('one visibility rule for every read', () => {
  let server: TestServer;
  let agent: SignedIn;
  let supervisor: SignedIn;
  const sockets = createSocketPool();

  beforeAll(async () => {
    server = await startTestServer();
    agent = await server.signIn({ name: 'Plain Agent' });
    supervisor = await server.signIn({ name: 'Sue Supervisor', role: 'supervisor', level: 3 });
  });
  afterAll(async () => {
    sockets.closeAll();
    await server?.stop();
  });

  it('hides a restricted ticket and its messages from pull, stream, HTTP and mutations alike', async () => {
    const agentSocket = await sockets.connect(server.url, { token: agent.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    const supervisorSocket = await sockets.connect(server.url, { token: supervisor.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    const streamed = { agent: [] as string[], supervisor: [] as string[] };
    agentSocket.on('sync:changed', (batch: { documents: { subject?: string; body?: string }[] }) =>
      streamed.agent.push(...batch.documents.map((doc) => doc.subject ?? doc.body ?? '')),
    );
    supervisorSocket.on('sync:changed', (batch: { documents: { subject?: string; body?: string }[] }) =>
      streamed.supervisor.push(...batch.documents.map((doc) => doc.subject ?? doc.body ?? '')),
    );

    const open = await server.intake('Open question', 'open body');
    const restricted = await server.intake('RESTRICTED payroll data', 'restricted body');

    // Stream: the supervisor gets both tickets; the agent only the open one.
    await eventually('the supervisor to receive both tickets live', () => streamed.supervisor.includes('RESTRICTED payroll data') && streamed.supervisor.includes('Open question'));
    await eventually('the agent to receive the open ticket live', () => streamed.agent.includes('Open question'));
    expect(streamed.agent).not.toContain('RESTRICTED payroll data');
    expect(streamed.agent).not.toContain('restricted body');

    // Pull: the same split, for tickets and for messages, with full pages still reaching the end.
    const pull = async (socket: typeof agentSocket, collection: string) =>
      (await socket.timeout(5_000).emitWithAck('sync:pull', { collection, checkpoint: null, batchSize: 1 })) as { ok: boolean; documents: { id: string }[]; checkpoint: unknown };
    const pulledAll = async (socket: typeof agentSocket, collection: string) => {
      const ids: string[] = [];
      let checkpoint: unknown = null;
      for (let page = 0; page < 20; page++) {
        const response = (await socket.timeout(5_000).emitWithAck('sync:pull', { collection, checkpoint, batchSize: 1 })) as { documents: { id: string; ticketId?: string }[]; checkpoint: unknown };
        if (response.documents.length === 0) break;
        ids.push(...response.documents.map((doc) => doc.ticketId ?? doc.id));
        checkpoint = response.checkpoint;
      }
      return ids;
    };
    expect((await pull(agentSocket, 'tickets')).ok).toBe(true);
    expect(await pulledAll(agentSocket, 'tickets')).toEqual([open.id]);
    // The open ticket's two opening messages (the customer's and the acknowledgement), one per page.
    expect(await pulledAll(agentSocket, 'messages')).toEqual([open.id, open.id]);
    expect(await pulledAll(supervisorSocket, 'tickets')).toEqual([open.id, restricted.id]);

    // HTTP read: the restricted ticket does not exist for the agent.
    expect((await server.api('GET', `/api/tickets/${restricted.number}`, { token: agent.token })).status).toBe(404);
    expect((await server.api('GET', `/api/tickets/${restricted.number}`, { token: supervisor.token })).status).toBe(200);

    // Mutations: over HTTP and over the socket, refused as if the ticket did not exist, and nothing changes.
    const beforehand = await server.api('GET', `/api/tickets/${restricted.number}`, { token: supervisor.token });
    expect((await server.api('PATCH', `/api/tickets/${restricted.number}`, { token: agent.token, body: { priority: 'urgent' } })).status).toBe(404);
    const pushed = (await agentSocket
      .timeout(5_000)
      .emitWithAck('mutations:push', { mutations: [{ id: crypto.randomUUID(), ticketId: restricted.id, createdAt: Date.now(), type: 'note', payload: { body: 'peek' } }] })) as {
      outcomes: { state: string; rejection?: { code: string } }[];
    };
    expect(pushed.outcomes[0]).toMatchObject({ state: 'rejected', rejection: { code: 'ticket_not_found' } });
    const afterwards = await server.api('GET', `/api/tickets/${restricted.number}`, { token: supervisor.token });
    expect(afterwards.body).toMatchObject({ priority: 'normal', version: 1 });
    expect(afterwards.body.messages).toHaveLength(beforehand.body.messages.length);
  });
});
