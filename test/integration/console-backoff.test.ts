import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchIntake } from '../bench/seed-server';
import { eventually } from '../support/eventually';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The console under the server's limits: it is refused with `rate_limited` (or a handshake with
 * `too_many_connections`), waits as told, and loses nothing: every intent lands once, every
 * ticket arrives, and a refused connection comes back by itself.
 */
describe('the console backs off from the server’s limits and loses nothing', () => {
  let server: TestServer;
  const ticketIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      env: { TIERDESK_LIMIT_SOCKET_MUTATIONS: '4/2s', TIERDESK_LIMIT_SOCKET_PULL: '300/1s', TIERDESK_SESSION_MAX_SOCKETS: '1' },
    });
    // 400 tickets (and 800 messages): a first sync needs several times the pull allowance.
    for (let index = 0; index < 400; index++) ticketIds.push((await server.app.tickets.register(benchIntake(index))).ticket.id);
  }, 120_000);
  afterAll(async () => server?.stop());

  it('syncs a desk several times its pull allowance, and sends intents faster than allowed, each once', async () => {
    const agent = await server.signIn({ name: 'Patient Pat' });
    const desk = await openTestDesk(server.url, agent, { presence: 'away' });
    try {
      await eventually('the desk to catch up', async () => (await current(desk.connection$)).status === 'online', 60_000);
      const onDesk = await Promise.all(ticketIds.map((id) => current(desk.ticket$(id))));
      expect(onDesk.filter((ticket) => ticket !== null)).toHaveLength(400);
      const first = onDesk[0];
      const bodies = Array.from({ length: 16 }, (_, index) => `note ${index} written in a hurry`);
      for (const body of bodies) await desk.record({ ticketId: first!.id, type: 'note', payload: { body } });
      await eventually('every note to be applied', async () => (await current(desk.connection$)).pending === 0, 60_000);
      expect(await current(desk.rejections$)).toEqual([]);
      const read = await server.api('GET', `/api/tickets/${first!.number}`, { token: agent.token });
      for (const body of bodies) expect(read.body.messages.filter((message: { body: string }) => message.body === body)).toHaveLength(1);
    } finally {
      await desk.close();
    }
  }, 120_000);

  it('connects by itself once the session has a free socket again', async () => {
    const agent = await server.signIn({ name: 'Two Tabs Tess' });
    const firstTab = await openTestDesk(server.url, agent, { presence: 'away' });
    const secondTab = await openTestDesk(server.url, agent, { presence: 'away' });
    try {
      await eventually('the first tab online', async () => (await current(firstTab.connection$)).status !== 'offline', 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await current(secondTab.connection$)).status).toBe('offline');
      await firstTab.close();
      await eventually('the second tab to connect by itself', async () => (await current(secondTab.connection$)).status !== 'offline', 30_000);
    } finally {
      await secondTab.close();
    }
  }, 60_000);
});
