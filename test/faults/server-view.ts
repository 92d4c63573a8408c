import Sqlite from 'better-sqlite3';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Message, type Ticket } from '../../core';
import type { DatabaseSchema } from '../../server/store/schema';
import { createSocketPool, request, type SocketPool } from '../support/raw-socket';
import type { DeskAgent } from './desk-team';

/** What the server says one agent may see: a fresh pull from the start, as a new console would make it. */
export type AgentView = { tickets: Map<string, Ticket>; messages: Map<string, Message[]>; tombstones: Set<string> };
type PulledDocument = { id: string; _deleted: boolean };

/**
 * Fresh pulls over raw sockets, one per agent, opened `away` so that they change nobody's
 * presence (and so no routing). Reused across the polls of one heal; `close()` ends them.
 */
export type ServerPulls = { viewOf(agent: DeskAgent, serverUrl: string): Promise<AgentView>; close(): void };

export function serverPulls(): ServerPulls {
  const pool: SocketPool = createSocketPool(8_000);
  const sockets = new Map<string, Socket>();
  const socketFor = async (agent: DeskAgent, serverUrl: string): Promise<Socket> => {
    const key = `${agent.id}@${serverUrl}`;
    const open = sockets.get(key);
    if (open?.connected) return open;
    const socket = await pool.connect(serverUrl, { token: agent.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' });
    sockets.set(key, socket);
    return socket;
  };
  return {
    async viewOf(agent, serverUrl) {
      const socket = await socketFor(agent, serverUrl);
      const [tickets, messages] = await Promise.all([pullEverything<Ticket>(socket, 'tickets'), pullEverything<Message>(socket, 'messages')]);
      const view: AgentView = { tickets: new Map(), messages: new Map(), tombstones: new Set() };
      for (const doc of tickets) {
        const { _deleted: deleted, ...ticket } = doc;
        if (deleted) view.tombstones.add(ticket.id);
        else if (view.tickets.has(ticket.id)) throw new Error(`the pull of ${agent.name} carries ticket ${ticket.id} twice`);
        else view.tickets.set(ticket.id, ticket as Ticket);
      }
      for (const doc of messages) {
        const { _deleted: _ignored, ...message } = doc;
        const list = view.messages.get((message as Message).ticketId) ?? [];
        list.push(message as Message);
        view.messages.set((message as Message).ticketId, list);
      }
      return view;
    },
    close: () => pool.closeAll(),
  };
}

async function pullEverything<T>(socket: Socket, collection: 'tickets' | 'messages'): Promise<(T & PulledDocument)[]> {
  const documents: (T & PulledDocument)[] = [];
  let checkpoint: unknown = null;
  for (let page = 0; page < 1_000; page++) {
    const answer = await request<{ ok: boolean; documents: (T & PulledDocument)[]; checkpoint: unknown; error?: string }>(socket, 'sync:pull', { collection, checkpoint, batchSize: 500 });
    if (!answer.ok) throw new Error(`sync:pull refused: ${answer.error}`);
    documents.push(...answer.documents);
    if (answer.documents.length < 500) return documents;
    checkpoint = answer.checkpoint;
  }
  throw new Error('the pull did not end after 1,000 pages');
}

/** The server's ledgers, read from its database: every recorded intent, and the agents' audit events per ticket. */
export type ServerRecords = {
  mutations: Map<string, { agentId: string; ticketId: string; type: string; state: string; rejectionCode: string | null; ticketVersion: number | null }>;
  /** Audit events written for an agent's action, per ticket: one per applied intent. */
  agentEventsPerTicket: Map<string, number>;
};

/** `where`: the SQLite data folder (embedded) or the PostgreSQL URL (scale-out). */
export async function readServerRecords(where: { dataDir: string } | { databaseUrl: string }): Promise<ServerRecords> {
  const db =
    'databaseUrl' in where
      ? new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: where.databaseUrl, max: 2 }) }) })
      : new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: new Sqlite(path.join(where.dataDir, 'tierdesk.sqlite'), { readonly: true, fileMustExist: true }) }) });
  try {
    const mutations = await db.selectFrom('mutations').select(['id', 'agent_id', 'ticket_id', 'type', 'state', 'rejection', 'ticket_version']).execute();
    const events = await db
      .selectFrom('audit_events')
      .select(['ticket_id', sql<number>`count(*)`.as('count')])
      .where('actor_type', '=', 'agent')
      .groupBy('ticket_id')
      .execute();
    return {
      mutations: new Map(
        mutations.map((row) => [
          row.id,
          {
            agentId: row.agent_id,
            ticketId: row.ticket_id,
            type: row.type,
            state: row.state,
            rejectionCode: row.rejection ? ((JSON.parse(row.rejection) as { code?: string }).code ?? null) : null,
            ticketVersion: row.ticket_version === null ? null : Number(row.ticket_version),
          },
        ]),
      ),
      agentEventsPerTicket: new Map(events.map((row) => [row.ticket_id, Number(row.count)])),
    };
  } finally {
    await db.destroy();
  }
}
