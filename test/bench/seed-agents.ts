import { randomUUID } from 'node:crypto';
import { DEFAULT_CAPACITY, type Agent } from '../../core';
import { hashPassword } from '../../server/auth/passwords';
import { hashSecret, newSecret } from '../../server/auth/tokens';
import { ensureFirstAdmin } from '../../server/bootstrap-admin';
import { systemClock } from '../../server/clock';
import { createLogger } from '../../server/logger';
import { insertAgent } from '../../server/store/agents-repository';
import { openDatabase } from '../../server/store/database';
import { insertGroup, joinGeneralGroup } from '../../server/store/groups-repository';
import { insertSession } from '../../server/store/sessions-repository';

export type SeededAgent = { id: string; token: string };
export type SeededDesk = { admin: { email: string; password: string }; agents: SeededAgent[] };
/**
 * Where the agents go. By default all into General; with `groupSize`, into groups of that many
 * (named "Bench group 0"…, each with the category `bench-group-<n>`, which an intake's tag routes to)
 * and not into General, so that each sees only its own group's tickets.
 */
export type SeedOptions = { capacity?: number; groupSize?: number; databaseUrl?: string | null };

/** The tag that routes an intake to the n-th seeded group. */
export const benchGroupTag = (group: number) => `bench-group-${group}`;

const SESSION_TTL_MS = 24 * 3_600_000;

/**
 * Fills an empty data folder before the server starts: the first admin (the server's own
 * bootstrap, so it can sign in over HTTP), then `count` L1 agents in General (or in groups, see
 * SeedOptions) with the default capacity (or `capacity`), each with a live session whose token the caller keeps. Why not the API: creating and
 * signing in 10,000 agents costs an argon2id hash and verify each (~50-100 ms here); one hash is
 * shared by every agent and sessions are written the way a sign-in writes them (token hash only).
 * The same rows registerAgent and AuthService.login write, in one transaction per table batch.
 */
export async function seedAgents(dataDir: string, count: number, options: SeedOptions = {}): Promise<SeededDesk> {
  const { capacity = DEFAULT_CAPACITY, groupSize } = options;
  const admin = { email: 'bench-admin@tierdesk.local', password: `bench-${randomUUID()}` };
  const database = await openDatabase({ dataDir, databaseUrl: options.databaseUrl ?? null });
  try {
    await ensureFirstAdmin(database, systemClock, createLogger('silent'), admin);
    // Nobody signs in with it: every agent shares it only so the NOT NULL column holds a real hash.
    const passwordHash = await hashPassword(randomUUID());
    const now = Date.now();
    const agents: SeededAgent[] = [];
    await database.writeTransaction(async (trx) => {
      let groupId = '';
      for (let index = 0; index < count; index++) {
        if (groupSize && index % groupSize === 0) {
          const group = Math.floor(index / groupSize);
          groupId = randomUUID();
          await insertGroup(trx, { id: groupId, name: `Bench group ${group}`, categories: [benchGroupTag(group)] }, now);
        }
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
        if (groupSize) await trx.insertInto('group_members').values({ group_id: groupId, agent_id: agent.id, level: agent.level, capacity }).execute();
        else await joinGeneralGroup(trx, agent.id, agent.level, capacity);
        await insertSession(trx, { tokenHash: hashSecret(token), agentId: agent.id, createdAt: now, expiresAt: now + SESSION_TTL_MS });
        agents.push({ id: agent.id, token });
      }
    });
    return { admin, agents };
  } finally {
    await database.close();
  }
}
