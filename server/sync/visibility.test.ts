import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Message, Role, Ticket } from '../../core';
import { makeTicket } from '../../core/mutations/ticket.fixture';
import { insertAgent } from '../store/agents-repository';
import { openDatabase, type Database } from '../store/database';
import { messagesInScopeAfter, ticketsInScopeAfter } from '../store/feed-repository';
import { insertGroup, replaceGroupMembers } from '../store/groups-repository';
import { scopedViewers } from '../store/routing-repository';
import { insertMessage, insertTicket } from '../store/tickets-repository';
import { pullPage } from './pull';
import { canSeeTicket, scopeHolds, streamClassKey, ticketAudience, viewerRooms, visibleScopes, type Viewer } from './visibility';

/**
 * The visibility rule exists in four forms (predicate, SQL scopes, socket rooms, stream classes)
 * plus its inverse in SQL (who may see a ticket's group or assignee). Random desks check that
 * every form says the same as the predicate, for every viewer and every ticket, on a real SQLite
 * database.
 */
const GROUPS = Array.from({ length: 4 }, () => randomUUID());
const AGENT_IDS = Array.from({ length: 7 }, () => randomUUID());

type DeskShape = {
  agents: { id: string; role: Role; active: boolean; groupIds: string[] }[];
  tickets: { groupId: string | null; assigneeId: string | null; messages: number }[];
};

const deskShape: fc.Arbitrary<DeskShape> = fc.record({
  agents: fc.tuple(
    ...AGENT_IDS.map((id) =>
      fc.record({
        id: fc.constant(id),
        role: fc.constantFrom<Role>('agent', 'agent', 'supervisor', 'admin'),
        active: fc.constantFrom(true, true, true, false),
        groupIds: fc.subarray(GROUPS),
      }),
    ),
  ),
  tickets: fc.array(
    fc.record({
      groupId: fc.option(fc.constantFrom(...GROUPS), { freq: 6 }),
      assigneeId: fc.option(fc.constantFrom(...AGENT_IDS), { freq: 2 }),
      messages: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 25 },
  ),
});

const databases: { database: Database; dir: string }[] = [];
afterAll(async () => {
  for (const { database, dir } of databases) {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A real SQLite database holding the shape: agents, groups, memberships, tickets and their messages. */
async function buildDesk(shape: DeskShape): Promise<{ database: Database; tickets: Ticket[]; messages: Message[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-visibility-'));
  const database = await openDatabase({ dataDir: dir, databaseUrl: null });
  databases.push({ database, dir });
  const db = database.db;
  for (const agent of shape.agents) {
    await insertAgent(db, { id: agent.id, email: `${agent.id}@test.local`, name: 'A', role: agent.role, level: 1, active: agent.active }, 'x', 1);
  }
  for (const groupId of GROUPS) await insertGroup(db, { id: groupId, name: groupId, categories: [] }, 1);
  for (const groupId of GROUPS) {
    const members = shape.agents.filter((agent) => agent.groupIds.includes(groupId));
    await replaceGroupMembers(db, groupId, members.map((agent) => ({ agentId: agent.id, level: 1, capacity: 10 })));
  }
  const tickets: Ticket[] = [];
  const messages: Message[] = [];
  let seq = 1;
  for (const [index, shaped] of shape.tickets.entries()) {
    const ticket = makeTicket({ id: randomUUID(), number: 1001 + index, groupId: shaped.groupId, assigneeId: shaped.assigneeId });
    await insertTicket(db, ticket, seq++, 'hash');
    tickets.push(ticket);
    for (let m = 0; m < shaped.messages; m++) {
      const message: Message = { id: randomUUID(), ticketId: ticket.id, kind: 'customer', body: 'hello', authorId: null, authorName: 'C', createdAt: 1 };
      await insertMessage(db, message, seq++, ticket);
      messages.push(message);
    }
  }
  return { database, tickets, messages };
}

const viewersOf = (shape: DeskShape): Viewer[] => shape.agents.map(({ id, role, active, groupIds }) => ({ id, role, active, groupIds }));

describe('the visibility rule in all its forms', () => {
  it('scopes, rooms and stream classes agree with the predicate (pure forms)', () => {
    fc.assert(
      fc.property(deskShape, (shape) => {
        const viewers = viewersOf(shape);
        for (const shaped of shape.tickets) {
          const ticket = makeTicket({ groupId: shaped.groupId, assigneeId: shaped.assigneeId });
          const personal = new Set(ticket.assigneeId ? [ticket.assigneeId] : []);
          for (const viewer of viewers) {
            const sees = canSeeTicket(viewer, ticket);
            expect(visibleScopes(viewer).some((scope) => scopeHolds(scope, ticket))).toBe(sees);
            // Inactive agents have no sockets (their sessions end); rooms speak for active ones.
            if (viewer.active) expect(viewerRooms(viewer).some((room) => ticketAudience(ticket).includes(room))).toBe(sees);
            for (const other of viewers) {
              if (streamClassKey(viewer, personal) === streamClassKey(other, personal)) expect(canSeeTicket(other, ticket)).toBe(sees);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the SQL scopes, the pull and the SQL audience select exactly what the predicate allows', async () => {
    await fc.assert(
      fc.asyncProperty(deskShape, fc.integer({ min: 1, max: 4 }), async (shape, batchSize) => {
        const { database, tickets, messages } = await buildDesk(shape);
        const ticketById = new Map(tickets.map((ticket) => [ticket.id, ticket]));
        for (const viewer of viewersOf(shape)) {
          const visibleTickets = tickets.filter((ticket) => canSeeTicket(viewer, ticket)).map((ticket) => ticket.id);
          const visibleMessages = messages.filter((message) => canSeeTicket(viewer, ticketById.get(message.ticketId)!)).map((message) => message.id);

          const scoped = async (read: typeof ticketsInScopeAfter | typeof messagesInScopeAfter) => {
            const ids = new Set<string>();
            for (const scope of visibleScopes(viewer)) for (const row of await read(database.db, scope, 0, 1_000)) ids.add(row.doc.id);
            return [...ids].sort();
          };
          expect(await scoped(ticketsInScopeAfter)).toEqual([...visibleTickets].sort());
          expect(await scoped(messagesInScopeAfter)).toEqual([...visibleMessages].sort());

          // Paging through the whole feed in small pages gives each visible document once, in feed order.
          for (const [collection, expected] of [['tickets', visibleTickets], ['messages', visibleMessages]] as const) {
            const pulled: string[] = [];
            let checkpoint = null;
            for (let page = 0; page < 200; page++) {
              const batch = await pullPage(database.db, viewer, { collection, checkpoint, batchSize });
              if (batch.documents.length === 0) break;
              pulled.push(...batch.documents.map((doc) => (doc as { id: string }).id));
              checkpoint = batch.checkpoint;
            }
            expect(pulled).toEqual(expected);
          }
        }
        // The inverse: who besides admins may see a ticket's group or assignee, as SQL.
        for (const ticket of tickets) {
          const audience = await scopedViewers(database.db, ticket.groupId, ticket.assigneeId);
          const expected = viewersOf(shape).filter((viewer) => viewer.active && viewer.role !== 'admin' && canSeeTicket(viewer, ticket));
          expect(viewersOf(shape).filter((viewer) => viewer.active && audience.has(viewer.id)).map((viewer) => viewer.id).sort()).toEqual(
            expected.map((viewer) => viewer.id).sort(),
          );
        }
      }),
      { numRuns: 25 },
    );
  });
});
