import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../renderer/sync/desk-session';
import { benchIntake } from '../bench/seed-server';
import { openTestDesk } from '../support/test-desk';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * A console catching up shows how far it has come: "Syncing 500 of 1,200" (tickets). The first
 * page of the catch-up asks the server to count what is left; later pages count down; the figure
 * disappears once the desk is online.
 */
describe('the catch-up’s progress', () => {
  let server: TestServer;
  let agent: SignedIn;

  beforeAll(async () => {
    server = await startTestServer({ env: { TIERDESK_RATE_LIMITS: 'off' } });
    agent = await server.signIn({ name: 'Catching Up' });
    // 1,200 tickets of the agent's group (General), waiting unassigned: three pages of 500.
    for (let index = 0; index < 1_200; index++) await server.app.tickets.register(benchIntake(index));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('counts tickets received of those to get while syncing, then goes online without a figure', async () => {
    const desk = await openTestDesk(server.url, agent, { presence: 'away' });
    const seen: ConnectionState[] = [];
    const subscription = desk.connection$.subscribe((state) => seen.push(state));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the desk did not come online')), 60_000);
        const check = desk.connection$.subscribe((state) => {
          if (state.status === 'online') {
            clearTimeout(timer);
            check.unsubscribe();
            resolve();
          }
        });
      });
      const figures = seen.flatMap((state) => (state.progress ? [state.progress] : []));
      expect(figures).toEqual([
        { received: 500, total: 1_200 },
        { received: 1_000, total: 1_200 },
      ]);
      expect(seen.every((state) => !state.progress || state.status === 'syncing')).toBe(true);
      expect(seen.at(-1)).toMatchObject({ status: 'online', progress: null });
    } finally {
      subscription.unsubscribe();
      await desk.close();
    }
  });
});
