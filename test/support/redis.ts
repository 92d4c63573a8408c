import { createClient } from 'redis';

export const REDIS_TEST_URL = process.env.TIERDESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers; scale-out suites skip with this reason printed when it does not. */
export async function redisUnavailableReason(): Promise<string | null> {
  const client = createClient({ url: REDIS_TEST_URL, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return `Redis is not reachable at ${REDIS_TEST_URL}: ${(error as Error).message}`;
  } finally {
    if (client.isOpen) await client.quit();
  }
}
