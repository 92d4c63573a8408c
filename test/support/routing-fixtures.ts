import { randomBytes, randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AssignmentNotice, type Level, type MutationOutcome, type Role, type StreamBatch } from '../../core';
import { listAuditEvents, type AuditEvent } from '../../server/store/audit-repository';
import { request } from './raw-socket';
import type { SignedIn, TestServer } from './test-server';

/**
 * Isolated routing scenarios on a shared server. Every team is its own group with its own
 * category (a unique tag), its members leave General, and its tickets are taken in with that tag:
 * one scenario's tickets and agents never meet another's.
 */
export type MemberSpec = { name: string; level?: Level; role?: Role; capacity?: number };
export type Team = {
  groupId: string;
  name: string;
  /** The tag that routes an intake to this group. */
  category: string;
  agents: SignedIn[];
  /** A ticket for this group, taken in through the public intake. */
  intake(subject: string, extra?: { type?: string; tags?: string[] }): Promise<Intaken>;
};
/** `accessKey` lets the requester write again (POST /api/tickets/:number/customer-messages). */
export type Intaken = { id: string; number: number; subject: string; accessKey: string };
type GroupJson = { id: string; name: string; categories: string[]; members: { agentId: string; level: number; capacity: number }[] };

export const uniqueSuffix = () => randomBytes(4).toString('hex');

export async function listGroups(server: TestServer): Promise<GroupJson[]> {
  return (await server.api('GET', '/api/groups', { token: server.adminToken })).body as GroupJson[];
}

export async function putMembers(server: TestServer, groupId: string, members: GroupJson['members']): Promise<void> {
  const response = await server.api('PUT', `/api/groups/${groupId}/members`, { token: server.adminToken, body: members });
  if (response.status !== 200) throw new Error(`could not set members: ${JSON.stringify(response.body)}`);
}

export async function createGroup(server: TestServer, name: string, categories: string[]): Promise<string> {
  const response = await server.api('POST', '/api/groups', { token: server.adminToken, body: { name, categories } });
  if (response.status !== 201) throw new Error(`could not create group: ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** Takes agents out of General (where every new agent starts), so General's tickets never reach them. */
export async function leaveGeneral(server: TestServer, agentIds: readonly string[]): Promise<void> {
  const general = (await listGroups(server)).find((group) => group.name === 'General');
  if (!general) throw new Error('there is no General group');
  await putMembers(server, general.id, general.members.filter((member) => !agentIds.includes(member.agentId)));
}

/** Signs the members in (in order), puts them in a new group at their level and capacity, and out of General. */
export async function createTeam(server: TestServer, members: readonly MemberSpec[], options: { categories?: string[]; name?: string } = {}): Promise<Team> {
  const suffix = uniqueSuffix();
  const category = `team-${suffix}`;
  const name = options.name ?? `Team ${suffix}`;
  const agents = await Promise.all(members.map((member) => server.signIn({ name: member.name, role: member.role ?? 'agent', level: member.level ?? 1 })));
  const groupId = await createGroup(server, name, options.categories ?? [category]);
  await putMembers(
    server,
    groupId,
    members.map((member, index) => ({ agentId: agents[index]!.agent.id, level: member.level ?? 1, capacity: member.capacity ?? 10 })),
  );
  await leaveGeneral(server, agents.map((agent) => agent.agent.id));
  return {
    groupId,
    name,
    category,
    agents,
    intake: (subject, extra = {}) => intake(server, subject, { ...extra, tags: [category, ...(extra.tags ?? [])] }),
  };
}

export async function intake(server: TestServer, subject: string, extra: { type?: string; tags?: string[] } = {}): Promise<Intaken> {
  const response = await server.api('POST', '/api/tickets', {
    body: { subject, body: `${subject}: please help`, requester: { email: 'customer@example.com', name: 'Cleo Customer' }, ...extra },
  });
  if (response.status !== 201) throw new Error(`intake failed: ${JSON.stringify(response.body)}`);
  return { id: response.body.id, number: response.body.number, subject, accessKey: response.body.accessKey };
}

/** The ticket as an admin reads it over HTTP (document plus conversation). */
export async function readTicket(server: TestServer, number: number): Promise<any> {
  const response = await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken });
  if (response.status !== 200) throw new Error(`could not read #${number}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export const assigneeOf = async (server: TestServer, ticket: { number: number }): Promise<string | null> => (await readTicket(server, ticket.number)).assigneeId;

/** An admin changes a ticket over HTTP (priority, assignee, status). */
export async function adminPatch(server: TestServer, number: number, body: Record<string, unknown>): Promise<any> {
  const response = await server.api('PATCH', `/api/tickets/${number}`, { token: server.adminToken, body });
  if (response.status !== 200) throw new Error(`could not patch #${number}: ${JSON.stringify(response.body)}`);
  return response.body;
}

export const auditOf = (server: TestServer, ticketId: string): Promise<AuditEvent[]> => listAuditEvents(server.app.database.db, ticketId);

/** The audit events in which routing (not a person) gave the ticket to someone. */
export const routedBy = (events: readonly AuditEvent[]) => events.filter((event) => event.type === 'ticket.assigned' && event.data.by === 'routing');

export type Received = { notice: AssignmentNotice; at: number };

/** A raw agent socket that records every `ticket:assigned` and `sync:changed` it receives. */
export type AgentSocket = { who: SignedIn; socket: Socket; pushes: Received[]; streamed: StreamBatch[] };

/**
 * Opens agent sockets with their listeners in place before the handshake: work handed out the
 * moment an agent connects is pushed at once, before a listener added after `connect` would hear it.
 */
export type AgentPool = {
  connect(server: TestServer, who: SignedIn, presence?: 'online' | 'away'): Promise<AgentSocket>;
  closeAll(): void;
};

export function createAgentPool(): AgentPool {
  const opened: Socket[] = [];
  return {
    connect(server, who, presence = 'online') {
      const socket = io(server.url, { auth: { token: who.token, protocolVersion: PROTOCOL_VERSION, presence }, forceNew: true, transports: ['websocket'], reconnection: false });
      opened.push(socket);
      const agent: AgentSocket = { who, socket, pushes: [], streamed: [] };
      socket.on('ticket:assigned', (notice: AssignmentNotice) => agent.pushes.push({ notice, at: Date.now() }));
      socket.on('sync:changed', (batch: StreamBatch) => agent.streamed.push(batch));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('socket did not connect in time')), 5_000);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve(agent);
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          reject(new Error(`connect_error: ${error.message}`));
        });
      });
    },
    closeAll() {
      for (const socket of opened.splice(0)) socket.disconnect();
    },
  };
}

/**
 * Resolves once everything the server emitted to this socket before now has arrived: the answer
 * to a request travels the same ordered connection behind earlier events.
 */
export async function roundTrip(socket: Socket): Promise<void> {
  await request(socket, 'sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 1 });
}

/** Pushes intents over the socket as a console's outbox would, and returns their outcomes. */
export async function pushIntents(socket: Socket, ticketId: string, intents: { type: string; payload: Record<string, unknown> }[]): Promise<MutationOutcome[]> {
  const response = await request<{ ok: boolean; outcomes: MutationOutcome[]; error?: string }>(socket, 'mutations:push', {
    mutations: intents.map((intent) => ({ id: randomUUID(), ticketId, createdAt: Date.now(), ...intent })),
  });
  if (!response.ok) throw new Error(`push refused: ${response.error}`);
  return response.outcomes;
}

/** Take and fix: the ticket stops counting in the agent's load. */
export const fixTicket = (socket: Socket, ticketId: string) =>
  pushIntents(socket, ticketId, [
    { type: 'take', payload: {} },
    { type: 'setStatus', payload: { status: 'fixed' } },
  ]);

/** Every document id a socket has received live, per collection (messages by their ticket). */
export function streamedIds(agent: AgentSocket): { tickets: Set<string>; messageTickets: Set<string> } {
  const tickets = new Set<string>();
  const messageTickets = new Set<string>();
  for (const batch of agent.streamed) {
    for (const doc of batch.documents as { id: string; ticketId?: string }[]) {
      if (batch.collection === 'tickets') tickets.add(doc.id);
      else if (doc.ticketId) messageTickets.add(doc.ticketId);
    }
  }
  return { tickets, messageTickets };
}

/** A full pull of one collection from the start, as a fresh console would make it. */
export async function pullAll(socket: Socket, collection: 'tickets' | 'messages'): Promise<{ id: string; ticketId?: string; _deleted: boolean }[]> {
  const documents: { id: string; ticketId?: string; _deleted: boolean }[] = [];
  let checkpoint: unknown = null;
  for (let page = 0; page < 100; page++) {
    const response = await request<{ ok: boolean; documents: { id: string; ticketId?: string; _deleted: boolean }[]; checkpoint: unknown }>(socket, 'sync:pull', {
      collection,
      checkpoint,
      batchSize: 500,
    });
    if (!response.ok) throw new Error('pull refused');
    documents.push(...response.documents);
    if (response.documents.length < 500) break;
    checkpoint = response.checkpoint;
  }
  return documents;
}

/** Counts how often each value occurs. */
export function tally<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
