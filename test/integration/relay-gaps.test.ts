import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { registerTicket } from '../../server/features/tickets/register-ticket';
import { eventually } from '../support/eventually';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { privateRedisUnavailableReason, startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer, type TestServer } from '../support/test-server';

const unavailable = (await postgresUnavailableReason()) ?? privateRedisUnavailableReason();
if (unavailable) console.warn(`[skip] relay gaps: ${unavailable}`);

/**
 * Found by the fault runs: in scale-out mode a change committed while Redis was down never reached
 * the consoles of the other process, and a reconnect did not bring it either, because the next
 * streamed change carried their checkpoints past it. Now the receiving process notices the gap
 * (feed rows that no relayed change brought, or the relay reporting it recovered) and tells its
 * consoles to pull from their checkpoints instead of streaming past it.
 */
describe.skipIf(unavailable !== null)('scale-out: changes lost by the relay still reach every console', () => {
  let redis: PrivateRedis;
  let first: TestServer;
  let second: TestServer;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    const database = await createScratchDatabase();
    dropDatabase = database.drop;
    const env = { ...ROOMY_INTAKE_LIMITS, REDIS_URL: redis.url, TIERDESK_REDIS_PREFIX: `gaps-${randomBytes(4).toString('hex')}` };
    first = await startTestServer({ databaseUrl: database.url, env });
    second = await startTestServer({ databaseUrl: database.url, env });
  }, 60_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await redis?.remove();
    await dropDatabase?.();
  });

  it('brings a ticket whose process died between its commit and the relay to a console on the other server', async () => {
    const agent = await second.signIn({ name: 'Sees Everything Twice' });
    const desk = await openTestDesk(second.url, agent, { presence: 'away' });
    try {
      await eventually('the desk online', async () => (await current(desk.connection$)).status === 'online', 20_000);
      // Committed exactly as intake commits it, but never announced: what a process killed right
      // after its commit leaves behind.
      const orphan = await first.app.database.writeTransaction((trx) =>
        registerTicket(trx, { subject: 'Committed, never relayed', body: 'Lost on the way?', requester: { email: 'orphan@example.com' } }, Date.now()),
      );
      const next = await first.intake('The next ticket, relayed as usual');
      await eventually('the next ticket on the desk', async () => (await current(desk.ticket$(next.id))) !== null, 15_000);
      await eventually('the unrelayed ticket on the desk too', async () => (await current(desk.ticket$(orphan.ticket.id))) !== null, 15_000);
      await eventually('its conversation on the desk', async () => (await current(desk.messages$(orphan.ticket.id))).length === 2, 15_000);
    } finally {
      await desk.close();
    }
  }, 90_000);

  it('brings a ticket registered while Redis was down to a console on the other server', async () => {
    const agent = await second.signIn({ name: 'On Server Two' });
    const desk = await openTestDesk(second.url, agent, { presence: 'away' });
    try {
      await eventually('the desk online', async () => (await current(desk.connection$)).status === 'online', 20_000);
      const before = await first.intake('Before the outage');
      await eventually('the first ticket streamed', async () => (await current(desk.ticket$(before.id))) !== null);

      await redis.kill();
      const during = await first.intake('Registered while Redis is down');
      await redis.start();
      const after = await first.intake('Registered after Redis came back');

      await eventually('the ticket registered during the outage on the desk', async () => (await current(desk.ticket$(during.id))) !== null, 15_000);
      await eventually('the ticket registered after it on the desk', async () => (await current(desk.ticket$(after.id))) !== null, 15_000);
      await eventually('its conversation on the desk', async () => (await current(desk.messages$(during.id))).length === 2, 15_000);
    } finally {
      await desk.close();
      // Let both servers finish reconnecting to Redis: their clients' offline queues replay then,
      // and a shutdown in the middle of that waits for the close timeout instead.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }, 90_000);
});
