import { createApplication, type Application } from './app';
import { ensureFirstAdmin } from './bootstrap-admin';
import { ManualClock, systemClock, type Clock } from './clock';
import type { ServerConfig } from './config';
import { createLogger } from './logger';
import { openDatabase } from './store/database';
import { connectRedisFanout } from './realtime/redis-fanout';

export type RunningServer = { app: Application; url: string; port: number; stop(): Promise<void> };

/** Opens the database, builds the application and listens: shared by `npm start`, the demo and tests. */
export async function startServer(config: ServerConfig, givenClock?: Clock): Promise<RunningServer> {
  const clock = givenClock ?? (config.testClock ? new ManualClock(Date.now()) : systemClock);
  const logger = createLogger(config.logLevel);
  if (!config.limits.enabled) logger.warn('TIERDESK_RATE_LIMITS=off: every rate limit is off (HTTP, sockets, intake); for load tests and benchmarks only, never in production');
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  await ensureFirstAdmin(database, clock, logger, { email: config.adminEmail, password: config.adminPassword });
  const fanout = config.redisUrl ? await connectRedisFanout(config.redisUrl, config.redisPrefix, logger) : undefined;
  const app = await createApplication({ config, database, clock, logger, fanout });
  const { port, url } = await app.listen();
  logger.info({ port, url, database: database.dialect, scaleOut: Boolean(fanout), testClock: clock instanceof ManualClock }, 'tierdesk server listening');
  return {
    app,
    url,
    port,
    async stop() {
      await app.close();
      await fanout?.close();
      await database.close();
    },
  };
}
