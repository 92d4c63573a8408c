import { randomUUID } from 'node:crypto';
import { GENERAL_GROUP_NAME, type Agent, type Presence, type Priority } from '../../core';
import { hashPassword } from '../../server/auth/passwords';
import { hashSecret, newSecret } from '../../server/auth/tokens';
import { insertAgent } from '../../server/store/agents-repository';
import { openDatabase } from '../../server/store/database';
import { joinGeneralGroup } from '../../server/store/groups-repository';
import { insertSession } from '../../server/store/sessions-repository';
import { Router } from '../../server/features/routing/router';
import { registerTicket } from '../../server/features/tickets/register-ticket';
import { benchIntake } from './seed-server';
import type { SeededAgent } from './seed-agents';

const SESSION_TTL_MS = 24 * 3_600_000;
const SEED_BATCH = 500;

/**
 * Adds one supervisor (member of General, the group every seeded agent is in) with a live
 * session to a data folder already seeded by seedAgents, before the server starts: the same rows
 * registerAgent and a sign-in write.
 */
export async function seedSupervisor(dataDir: string): Promise<SeededAgent> {
  const database = await openDatabase({ dataDir, databaseUrl: null });
  try {
    const supervisor: Agent = { id: randomUUID(), email: 'supervisor@bench.tierdesk.local', name: 'Bench supervisor', role: 'supervisor', level: 1, active: true };
    const token = newSecret();
    const now = Date.now();
    const passwordHash = await hashPassword(randomUUID());
    await database.writeTransaction(async (trx) => {
      await insertAgent(trx, supervisor, passwordHash, now);
      await joinGeneralGroup(trx, supervisor.id, supervisor.level, 10);
      await insertSession(trx, { tokenHash: hashSecret(token), agentId: supervisor.id, createdAt: now, expiresAt: now + SESSION_TTL_MS });
    });
    return { id: supervisor.id, token };
  } finally {
    await database.close();
  }
}

/** An agent's share of the seeded tickets, as its console knows them after its first sync. */
export type HeldAtStart = { ticketId: string; priority: Priority };

/**
 * Registers `count` intake tickets (benchIntake) with the server's own registerTicket, then hands
 * them out with its Router's assignWaiting (what happens when agents come online to a queue),
 * counting every agent online; before the server starts, in write transactions of 500. The rows
 * are those intake and routing write (tickets, messages, audit events, SLA timers, routing
 * turns). Why not route each at intake: each routing decision reads every member's load, which
 * grows with the tickets held (3,900 took ~30 s here); a pass reads them once. General's capacity
 * is first set to `capacity` for every member (the row PUT /api/groups/:id/members writes), so
 * that nobody is full and no ticket waits. Returns each agent's tickets; throws if any is left
 * waiting.
 */
export async function seedRoutedTickets(dataDir: string, count: number, capacity: number): Promise<Map<string, HeldAtStart[]>> {
  const database = await openDatabase({ dataDir, databaseUrl: null });
  const everyoneOnline = { presenceOf: (): Presence => 'online' };
  const router = new Router(everyoneOnline);
  const held = new Map<string, HeldAtStart[]>();
  try {
    await database.writeTransaction(async (trx) => {
      const general = await trx.selectFrom('groups').select('id').where('name', '=', GENERAL_GROUP_NAME).executeTakeFirstOrThrow();
      await trx.updateTable('group_members').set({ capacity }).where('group_id', '=', general.id).execute();
    });
    const now = Date.now();
    for (let start = 0; start < count; start += SEED_BATCH) {
      await database.writeTransaction(async (trx) => {
        for (let index = start; index < Math.min(count, start + SEED_BATCH); index++) await registerTicket(trx, benchIntake(index), now);
      });
    }
    // Each pass hands out up to 500 waiting tickets (the Router's batch), reading the agents' loads once.
    for (let handedOut = 0; handedOut < count; ) {
      const { assigned } = await database.writeTransaction((trx) => router.assignWaiting(trx, null, now));
      if (assigned.length === 0) throw new Error(`${count - handedOut} seeded tickets were left waiting`);
      for (const ticket of assigned) {
        const list = held.get(ticket.assigneeId!) ?? [];
        list.push({ ticketId: ticket.id, priority: ticket.priority });
        held.set(ticket.assigneeId!, list);
      }
      handedOut += assigned.length;
    }
    return held;
  } finally {
    await database.close();
  }
}

/** Resolves once `count()` has not changed for `quietMs` (true), or after `timeoutMs` regardless (false). */
export async function untilQuiet(count: () => number, quietMs: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = count();
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const current = count();
    if (current !== last) {
      last = current;
      since = Date.now();
    }
  }
  return true;
}
