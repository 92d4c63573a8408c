import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A file attached to a reply written offline: the real console data layer (RxDB in Node) keeps
 * it under the id it chose, records the reply naming it, and once back online uploads the file
 * before pushing the reply, so the server stores both, byte for byte, exactly once.
 */
describe('files attached offline', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reach the server with their reply after the console reconnects', async () => {
    const alice = await server.signIn({ name: 'Alice' });
    const desk = await openTestDesk(server.url, alice, { presence: 'away' });
    try {
      const created = await server.intake('Send me the log');
      await eventually('the ticket on the desk', async () => (await current(desk.ticket$(created.id))) ?? undefined);
      await desk.record({ ticketId: created.id, type: 'take', payload: {} });
      await eventually('taken', async () => (await server.api('GET', `/api/tickets/${created.number}`, { token: alice.token })).body.assigneeId === alice.agent.id);

      desk.socket.disconnect();
      await eventually('offline', async () => (await current(desk.connection$)).status === 'offline');
      const bytes = new Uint8Array(Array.from({ length: 3_000 }, (_, index) => index % 256));
      const file = await desk.attachFile(created.id, new Blob([bytes]), 'trace.bin');
      await desk.record({ ticketId: created.id, type: 'reply', payload: { body: 'Here is the trace', attachmentIds: [file.id] } });
      expect((await current(desk.connection$)).pending).toBe(1);

      desk.socket.connect();
      const reply = await eventually('the reply with its file on the server', async () => {
        const ticket = (await server.api('GET', `/api/tickets/${created.number}`, { token: alice.token })).body;
        return ticket.messages.find((message: { body: string; attachments?: unknown[] }) => message.body === 'Here is the trace' && message.attachments?.length);
      });
      expect(reply.attachments).toEqual([expect.objectContaining({ id: file.id, filename: 'trace.bin', size: 3_000 })]);
      const download = await fetch(`${server.url}${reply.attachments[0].url}`, { headers: { authorization: `Bearer ${alice.token}` } });
      expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
      await eventually('the console’s copy of the reply names the file', async () =>
        (await current(desk.messages$(created.id))).find((message) => message.body === 'Here is the trace' && !message.pending && message.attachments?.length === 1),
      );
    } finally {
      await desk.close();
    }
  });
});
