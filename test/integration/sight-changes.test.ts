import { randomUUID } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MutationSchema } from '../../core';
import { openDeskDatabase } from '../../renderer/db/database';
import type { OpenedDeskSession } from '../../renderer/sync/open-desk-session';
import { toTicketDocument } from '../../renderer/sync/queue-query';
import { eventually } from '../support/eventually';
import { createGroup, intake, leaveGeneral, listGroups, putMembers, readTicket, uniqueSuffix, type Intaken } from '../support/routing-fixtures';
import { current, openTestDesk } from '../support/test-desk';
import { startTestServer, type SignedIn, type TestServer } from '../support/test-server';

/**
 * Real consoles (RxDB desks) gaining and losing sight of tickets: when a ticket moves between
 * groups, and when an agent's groups change. A desk keeps exactly what its agent may see: what
 * they lost leaves the local database with its conversation; what they gained arrives with its
 * older messages; pending intents are never lost on the way. Desks are away: routing is not
 * the point here.
 */
describe('desks gaining and losing sight of tickets', () => {
  let server: TestServer;
  let admin: SignedIn;
  /** RxDB's free version opens at most 13 collections per process (4 a desk, so 3 desks at once): each test closes its own desks. */
  const desks: OpenedDeskSession[] = [];
  /** Every ticket of the file with the number of messages it ends with: the admin desk must hold them all. */
  const created = new Map<string, number>();

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.signIn({ name: 'Ada Admin', role: 'admin', level: 3 });
  });
  afterEach(async () => {
    await Promise.all(desks.splice(0).map((desk) => desk.close()));
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function openDesk(who: SignedIn, databaseName?: string): Promise<OpenedDeskSession> {
    const desk = await openTestDesk(server.url, who, { presence: 'away', databaseName });
    desks.push(desk);
    await eventually(`${who.agent.name}'s desk to catch up`, async () => (await current(desk.connection$)).status === 'online');
    return desk;
  }

  /** A group with these members at L1; they leave General so that only this group decides what they see. */
  async function group(label: string, members: SignedIn[]): Promise<{ id: string; category: string }> {
    const category = `${label.toLowerCase()}-${uniqueSuffix()}`;
    const id = await createGroup(server, `${label} ${category}`, [category]);
    await putMembers(server, id, members.map((member) => ({ agentId: member.agent.id, level: 1, capacity: 10 })));
    await leaveGeneral(server, members.map((member) => member.agent.id));
    return { id, category };
  }

  const signIn = (name: string, role: 'agent' | 'supervisor' = 'agent') => server.signIn({ name, role });
  const ticketIn = async (target: { category: string }, subject: string): Promise<Intaken> => {
    const ticket = await intake(server, subject, { tags: [target.category] });
    created.set(ticket.id, 2);
    return ticket;
  };
  const bodies = async (desk: OpenedDeskSession, ticketId: string) => (await current(desk.messages$(ticketId))).map((message) => message.body);
  const holds = async (desk: OpenedDeskSession, ticketId: string, messages: number) =>
    (await current(desk.ticket$(ticketId))) !== null && (await current(desk.messages$(ticketId))).filter((message) => !message.pending).length === messages;
  const dropped = async (desk: OpenedDeskSession, ticketId: string) => (await current(desk.ticket$(ticketId))) === null && (await current(desk.messages$(ticketId))).length === 0;
  const addNote = async (desk: OpenedDeskSession, ticket: Intaken, body: string) => {
    await desk.record({ ticketId: ticket.id, type: 'note', payload: { body } });
    created.set(ticket.id, (created.get(ticket.id) ?? 2) + 1);
    await eventually(`the note "${body}" to reach the server`, async () => (await readTicket(server, ticket.number)).messages.some((message: { body: string }) => message.body === body));
  };
  const moveWith = async (desk: OpenedDeskSession, ticket: Intaken, groupId: string) => {
    await desk.record({ ticketId: ticket.id, type: 'setRouting', payload: { groupId, level: 1 } });
    await eventually('the move to be applied', async () => (await readTicket(server, ticket.number)).groupId === groupId);
  };

  it('a ticket moved to another group leaves the old group\'s desks with its messages, live, and reaches the new group\'s desks with its history', async () => {
    const [loser, gainer, lead] = await Promise.all([signIn('Lou Loser'), signIn('Gil Gainer'), signIn('Sam Supervisor', 'supervisor')]);
    const from = await group('From', [loser, lead]);
    const to = await group('To', [gainer, lead]);
    const [loserDesk, gainerDesk, leadDesk] = await Promise.all([openDesk(loser), openDesk(gainer), openDesk(lead)]);

    const ticket = await ticketIn(from, 'Moves between groups');
    await eventually('the old group\'s desk to receive the ticket', () => holds(loserDesk, ticket.id, 2));
    await addNote(loserDesk, ticket, 'Checked the router logs');
    await eventually('the note to settle on the losing desk', () => holds(loserDesk, ticket.id, 3));
    expect(await current(gainerDesk.ticket$(ticket.id))).toBeNull();

    await eventually('the supervisor\'s desk to receive the ticket', () => holds(leadDesk, ticket.id, 3));
    await moveWith(leadDesk, ticket, to.id);

    await eventually('the old group\'s desk to drop the ticket and its messages', () => dropped(loserDesk, ticket.id));
    await eventually('the new group\'s desk to receive the ticket with its older messages', () => holds(gainerDesk, ticket.id, 3));
    expect(await current(gainerDesk.ticket$(ticket.id))).toMatchObject({ groupId: to.id, subject: 'Moves between groups' });
    expect(await bodies(gainerDesk, ticket.id)).toContain('Checked the router logs');
    // The supervisor belongs to both groups and keeps it (the admin's desk: see the last test).
    await eventually('the supervisor desk to keep it', () => holds(leadDesk, ticket.id, 3));
  });

  it('a desk that was offline during the move drops the ticket after reconnecting; one that gains it offline pulls it with its history', async () => {
    const [loser, gainer, lead] = await Promise.all([signIn('Otto Offline'), signIn('Gwen Gainer'), signIn('Sid Supervisor', 'supervisor')]);
    const from = await group('Before', [loser, lead]);
    const to = await group('After', [gainer, lead]);
    const [loserDesk, gainerDesk, leadDesk] = await Promise.all([openDesk(loser), openDesk(gainer), openDesk(lead)]);
    const ticket = await ticketIn(from, 'Moved while offline');
    await addNote(leadDesk, ticket, 'Belongs to the other team');
    await eventually('the losing desk to hold the ticket', () => holds(loserDesk, ticket.id, 3));

    loserDesk.socket.disconnect();
    gainerDesk.socket.disconnect();
    await eventually('both desks to be offline', async () => (await current(loserDesk.connection$)).status === 'offline' && (await current(gainerDesk.connection$)).status === 'offline');
    await loserDesk.record({ ticketId: ticket.id, type: 'note', payload: { body: 'Typed offline, before the move' } });
    await moveWith(leadDesk, ticket, to.id);
    // Offline, the desks still show what they had (and the loser's pending note).
    expect(await holds(loserDesk, ticket.id, 3)).toBe(true);
    expect(await bodies(loserDesk, ticket.id)).toContain('Typed offline, before the move');
    expect(await current(gainerDesk.ticket$(ticket.id))).toBeNull();

    loserDesk.socket.connect();
    gainerDesk.socket.connect();
    await eventually('the reconnected losing desk to drop the ticket and its messages', () => dropped(loserDesk, ticket.id));
    // The note is not silently lost: it comes back refused, the ticket being out of the agent's sight now.
    const refused = await eventually('the offline note to come back refused', async () => {
      const list = await current(loserDesk.rejections$);
      return list.length > 0 && list;
    });
    expect(refused).toEqual([expect.objectContaining({ ticketId: ticket.id, type: 'note', rejection: expect.objectContaining({ code: 'ticket_not_found' }) })]);
    await eventually('the reconnected gaining desk to pull the ticket with its older messages', () => holds(gainerDesk, ticket.id, 3));
    expect(await bodies(gainerDesk, ticket.id)).toContain('Belongs to the other team');
  });

  it('a ticket assigned to an agent outside its group reaches their desk with its history, and leaves it when reassigned', async () => {
    const [outsider, member, lead] = await Promise.all([signIn('Olga Outsider'), signIn('Mia Member'), signIn('Stu Supervisor', 'supervisor')]);
    const team = await group('Owning', [member, lead]);
    await group('Elsewhere', [outsider]);
    const [outsiderDesk, leadDesk] = await Promise.all([openDesk(outsider), openDesk(lead)]);
    const ticket = await ticketIn(team, 'Needs an outside expert');
    await addNote(leadDesk, ticket, 'Olga knows this system');
    expect(await current(outsiderDesk.ticket$(ticket.id))).toBeNull();

    const patch = (assigneeId: string) => server.api('PATCH', `/api/tickets/${ticket.number}`, { token: lead.token, body: { assigneeId } });
    expect((await patch(outsider.agent.id)).status).toBe(200);
    const mine = await eventually('the ticket in the outsider\'s "mine" queue', async () => {
      const queue = await current(outsiderDesk.queue$({ view: 'mine', status: 'open' }));
      return queue.length === 1 && queue;
    });
    expect(mine[0]).toMatchObject({ id: ticket.id, groupId: team.id });
    await eventually('the conversation to come along', () => holds(outsiderDesk, ticket.id, 3));

    expect((await patch(member.agent.id)).status).toBe(200);
    await eventually('the outsider\'s desk to drop the ticket and its messages', () => dropped(outsiderDesk, ticket.id));
    expect(await current(outsiderDesk.queue$({ view: 'mine', status: 'open' }))).toEqual([]);
    expect(await holds(leadDesk, ticket.id, 3)).toBe(true);
  });

  it('leaving groups changes the desk\'s epoch and removes their tickets; an intent recorded offline is not lost but refused as ticket_not_found', async () => {
    const [leaver, stayer] = await Promise.all([signIn('Lena Leaver'), signIn('Stan Stayer')]);
    const first = await group('Left first', [leaver, stayer]);
    const second = await group('Left second', [leaver, stayer]);
    const leaverDesk = await openDesk(leaver);
    const epochs: number[] = [];
    leaverDesk.socket.on('sync:epoch', ({ epoch }) => epochs.push(epoch));
    const [firstTicket, secondTicket] = [await ticketIn(first, 'In the first group'), await ticketIn(second, 'In the second group')];
    await eventually('the desk to hold both tickets', async () => (await holds(leaverDesk, firstTicket.id, 2)) && (await holds(leaverDesk, secondTicket.id, 2)));

    // Live: removed from the first group.
    await putMembers(server, first.id, [{ agentId: stayer.agent.id, level: 1, capacity: 10 }]);
    await eventually('a new epoch to reach the desk', () => epochs.length === 1);
    await eventually('the first group\'s ticket to leave the desk', () => dropped(leaverDesk, firstTicket.id));
    await eventually('the second group\'s ticket to stay (pulled again)', () => holds(leaverDesk, secondTicket.id, 2));

    // Offline: a note is recorded, then the agent is removed from the second group too.
    leaverDesk.socket.disconnect();
    await eventually('the desk to be offline', async () => (await current(leaverDesk.connection$)).status === 'offline');
    await leaverDesk.record({ ticketId: secondTicket.id, type: 'note', payload: { body: 'Written on the train' } });
    expect((await current(leaverDesk.connection$)).pending).toBe(1);
    await putMembers(server, second.id, [{ agentId: stayer.agent.id, level: 1, capacity: 10 }]);

    leaverDesk.socket.connect();
    const rejections = await eventually('the offline note to come back refused', async () => {
      const list = await current(leaverDesk.rejections$);
      return list.length > 0 && list;
    });
    expect(rejections).toEqual([
      expect.objectContaining({ ticketId: secondTicket.id, ticketNumber: secondTicket.number, type: 'note', payload: { body: 'Written on the train' }, rejection: expect.objectContaining({ code: 'ticket_not_found' }) }),
    ]);
    await eventually('the second group\'s ticket to leave the desk', () => dropped(leaverDesk, secondTicket.id));
    expect(epochs).toHaveLength(2);
    expect(epochs[1]).toBeGreaterThan(epochs[0]!);
    expect((await current(leaverDesk.connection$)).pending).toBe(0);
    // The server never got the note.
    expect((await readTicket(server, secondTicket.number)).messages.map((message: { body: string }) => message.body)).not.toContain('Written on the train');
  });

  it('joining a group brings its existing tickets and their messages to the desk', async () => {
    const [joiner, veteran] = await Promise.all([signIn('Jo Joiner'), signIn('Vic Veteran')]);
    const target = await group('Joined', [veteran]);
    const own = await group('Own', [joiner]);
    const joinerDesk = await openDesk(joiner);
    const veteranDesk = await openDesk(veteran);
    const existing = await ticketIn(target, 'Before you joined');
    await addNote(veteranDesk, existing, 'History the newcomer needs');
    const ownTicket = await ticketIn(own, 'Your own');
    await eventually('the joiner\'s desk to hold its own ticket', () => holds(joinerDesk, ownTicket.id, 2));
    expect(await current(joinerDesk.ticket$(existing.id))).toBeNull();

    const members = (await listGroups(server)).find((candidate) => candidate.id === target.id)!.members;
    await putMembers(server, target.id, [...members, { agentId: joiner.agent.id, level: 1, capacity: 10 }]);
    await eventually('the joined group\'s ticket to arrive with its history', () => holds(joinerDesk, existing.id, 3));
    expect(await bodies(joinerDesk, existing.id)).toContain('History the newcomer needs');
    expect(await holds(joinerDesk, ownTicket.id, 2)).toBe(true);
  });

  it('a desk from before sync epochs drops the tickets its agent may not see before its first pull, and keeps pending intents', async () => {
    // Her groups never change here, so the server starts her at epoch 0: only the missing epoch
    // document tells the console that its database may hold what she may not see.
    const [upgrader, other] = await Promise.all([signIn('Uma Upgrader'), signIn('Oren Other')]);
    const elsewhere = await group('Not hers', [other]);
    const ownTicket = await intake(server, 'In General, hers to see');
    created.set(ownTicket.id, 2);
    const foreignTicket = await ticketIn(elsewhere, 'Seen before her groups changed');
    const adminDesk = await openDesk(admin);
    await eventually('the admin desk to hold both tickets', async () => (await holds(adminDesk, ownTicket.id, 2)) && (await holds(adminDesk, foreignTicket.id, 2)));

    // The local database as a console from before sync epochs left it: tickets of a group the
    // agent has since left, their messages, an intent not sent yet, and no stored epoch.
    const databaseName = `desk_legacy_${uniqueSuffix()}`;
    const legacy = await openDeskDatabase(databaseName, getRxStorageMemory());
    const localCopy = async (ticketId: string) => {
      const { hasPendingChanges: _pending, ...ticket } = (await current(adminDesk.ticket$(ticketId)))!;
      return toTicketDocument(ticket);
    };
    await legacy.tickets.bulkInsert([await localCopy(ownTicket.id), await localCopy(foreignTicket.id)]);
    const messages = [...(await current(adminDesk.messages$(ownTicket.id))), ...(await current(adminDesk.messages$(foreignTicket.id)))];
    await legacy.messages.bulkInsert(messages.map(({ pending: _pending, ...stored }) => stored));
    const createdAt = Date.now();
    const mutation = MutationSchema.parse({ id: randomUUID(), ticketId: ownTicket.id, type: 'note', payload: { body: 'Written before the upgrade' }, createdAt });
    await legacy.outbox.insert({ ...mutation, payload: mutation.payload as Record<string, unknown>, ticketNumber: ownTicket.number, localSeq: createdAt * 1_000, state: 'pending', rejection: null, ticketVersion: null });
    await legacy.close();
    await adminDesk.close();
    desks.splice(desks.indexOf(adminDesk), 1);
    created.set(ownTicket.id, 3);

    const desk = await openDesk(upgrader, databaseName);
    expect(await dropped(desk, foreignTicket.id)).toBe(true);
    await eventually('the pending note to reach the server and its ticket to stay', () => holds(desk, ownTicket.id, 3));
    expect(await bodies(desk, ownTicket.id)).toContain('Written before the upgrade');
  });

  it('an admin desk never loses anything, even when the admin\'s own groups change', async () => {
    const adminDesk = await openDesk(admin);
    const general = (await listGroups(server)).find((candidate) => candidate.name === 'General')!;
    const epochs: number[] = [];
    adminDesk.socket.on('sync:epoch', ({ epoch }) => epochs.push(epoch));
    const sizes: number[] = [];
    const watching = adminDesk.queue$({ view: 'all', status: 'any' }).subscribe((queue) => sizes.push(queue.length));
    await putMembers(server, general.id, general.members.filter((member) => member.agentId !== admin.agent.id));
    await eventually('the admin desk to start a new epoch', () => epochs.length === 1);
    // The new epoch empties the desk and pulls everything again.
    await eventually('the admin desk to start over', () => sizes.includes(0));
    watching.unsubscribe();
    for (const [ticketId, messages] of created) {
      await eventually(`the admin desk to hold ticket ${ticketId} with ${messages} messages`, () => holds(adminDesk, ticketId, messages));
    }
    expect(created.size).toBe(9);
  });
});
