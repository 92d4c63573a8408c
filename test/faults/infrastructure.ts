import { randomBytes } from 'node:crypto';
import { createKillableServer, type KillableServer } from '../support/killable-server';
import { privatePostgresUnavailableReason, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { privateRedisUnavailableReason, startPrivateRedis, type PrivateRedis } from '../support/private-redis';
import { ROOMY_INTAKE_LIMITS } from '../support/intake-allowance';

/** embedded: one server process on its SQLite folder; scale-out: two processes on one PostgreSQL and one Redis. */
export type FaultMode = 'embedded' | 'scale-out';
/** Where a run's servers keep the desk: their SQLite folder, or their PostgreSQL database. */
export type StoreLocation = { dataDir: string } | { databaseUrl: string };
export const FAULT_MODES: readonly FaultMode[] = ['embedded', 'scale-out'];

/**
 * What the fault runs of one mode start outside the test process and may kill: the PostgreSQL
 * cluster and Redis (scale-out, private, shared by the runs of one suite) and, per run, fresh
 * server processes on a fresh data folder or database.
 */
export type FaultInfrastructure = {
  readonly mode: FaultMode;
  readonly postgres: PrivatePostgres | null;
  readonly redis: PrivateRedis | null;
  /** Server processes for one run, started, on fresh data (each run starts from an empty desk), and where they store it. */
  serversForRun(): Promise<{ servers: KillableServer[]; store: StoreLocation }>;
  /** Starts PostgreSQL and Redis again if a run left them down. */
  revive(): Promise<void>;
  remove(): Promise<void>;
};

/** Null when the mode can run here; otherwise why not (printed when the suite skips). */
export function faultModeUnavailableReason(mode: FaultMode): string | null {
  if (mode === 'embedded') return null;
  return privatePostgresUnavailableReason() ?? privateRedisUnavailableReason();
}

/**
 * Server settings of every fault run: the limits stay on (consoles must keep their promises while
 * being told to wait), with room in the intake limits for the run's one customer on loopback.
 */
const SERVER_ENV: Record<string, string> = { ...ROOMY_INTAKE_LIMITS };

export async function startFaultInfrastructure(mode: FaultMode): Promise<FaultInfrastructure> {
  let postgres: PrivatePostgres | null = null;
  let redis: PrivateRedis | null = null;
  if (mode === 'scale-out') {
    postgres = await startPrivatePostgres();
    try {
      redis = await startPrivateRedis();
    } catch (error) {
      await postgres.remove();
      throw error;
    }
  }
  const owned: KillableServer[] = [];

  const serversForRun = async (): Promise<{ servers: KillableServer[]; store: StoreLocation }> => {
    const servers: KillableServer[] = [];
    let store: StoreLocation;
    if (mode === 'embedded') {
      servers.push(await createKillableServer({ env: SERVER_ENV }));
      store = { dataDir: servers[0]!.dataDir };
    } else {
      const databaseUrl = await postgres!.createDatabase(`tierdesk_faults_${randomBytes(5).toString('hex')}`);
      const env = { ...SERVER_ENV, DATABASE_URL: databaseUrl, REDIS_URL: redis!.url, TIERDESK_REDIS_PREFIX: `faults-${randomBytes(4).toString('hex')}` };
      // Two processes, two folders (nothing is stored there in scale-out mode but the secret key).
      servers.push(await createKillableServer({ env }), await createKillableServer({ env }));
      store = { databaseUrl };
    }
    owned.push(...servers);
    // One after the other: the first runs the migrations, which two at once would race for.
    for (const server of servers) await server.start();
    return { servers, store };
  };

  return {
    mode,
    postgres,
    redis,
    serversForRun,
    async revive() {
      if (postgres && !postgres.running) await postgres.start();
      if (redis && !redis.running) await redis.start();
    },
    async remove() {
      await Promise.all(owned.splice(0).map((server) => server.remove()));
      await redis?.remove();
      await postgres?.remove();
    },
  };
}
