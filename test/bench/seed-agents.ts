import { randomUUID } from 'node:crypto';
import { DEFAULT_CAPACITY, type Agent } from '../../core';
import { hashPassword } from '../../server/auth/passwords';
import { hashSecret, newSecret } from '../../server/auth/tokens';
import { ensureFirstAdmin } from '../../server/bootstrap-admin';
import { systemClock } from '../../server/clock';
import { createLogger } from '../../server/logger';
import { insertAgent } from '../../server/store/agents-repository';
import { openDatabase } from '../../server/store/database';
import { joinGeneralGroup } from '../../server/store/groups-repository';
import { insertSession } from '../../server/store/sessions-repository';

export type SeededAgent = { id: string; token: string };
export type SeededDesk = { admin: { email: string; password: string }; agents: SeededAgent[] };

const SESSION_TTL_MS = 24 * 3_600_000;

/**
 * Fills an empty data folder before the server starts: the first admin (the server's own
 * bootstrap, so it can sign in over HTTP), then `count` L1 agents in General with the default
 * capacity (or `capacity`), each with a live session whose token the caller keeps. Why not the API: creating and
 * signing in 10,000 agents costs an argon2id hash and verify each (~50-100 ms here); one hash is
 * shared by every agent and sessions are written the way a sign-in writes them (token hash only).
 * The same rows registerAgent and AuthService.login write, in one transaction per table batch.
 */
export async function seedAgents(dataDir: string, count: number, capacity = DEFAULT_CAPACITY): Promise<SeededDesk> {
  const admin = { email: 'bench-admin@tierdesk.local', password: `bench-${randomUUID()}` };
  const database = await openDatabase({ dataDir, databaseUrl: null });
  try {
    await ensureFirstAdmin(database, systemClock, createLogger('silent'), admin);
    // Nobody signs in with it: every agent shares it only so the NOT NULL column holds a real hash.
    const passwordHash = await hashPassword(randomUUID());
    const now = Date.now();
    const agents: SeededAgent[] = [];
    await database.writeTransaction(async (trx) => {
      for (let index = 0; index < count; index++) {
        const agent: Agent = {
          id: randomUUID(),
          email: `agent${index}@bench.tierdesk.local`,
          name: `Bench agent ${index}`,
          role: 'agent',
          level: 1,
          active: true,
        };
        const token = newSecret();
        await insertAgent(trx, agent, passwordHash, now);
        await joinGeneralGroup(trx, agent.id, agent.level, capacity);
        await insertSession(trx, { tokenHash: hashSecret(token), agentId: agent.id, createdAt: now, expiresAt: now + SESSION_TTL_MS });
        agents.push({ id: agent.id, token });
      }
    });
    return { admin, agents };
  } finally {
    await database.close();
  }
}
