import type { Executor } from './database';

/** One entry of the security log, as stored. */
export type SecurityEvent = {
  id?: number;
  at: number;
  kind: string;
  agentId: string | null;
  email: string | null;
  address: string | null;
  detail: Record<string, unknown>;
};

export async function insertSecurityEvents(db: Executor, events: readonly SecurityEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('security_events')
    .values(events.map((event) => ({ created_at: event.at, kind: event.kind, agent_id: event.agentId, email: event.email, address: event.address, detail: JSON.stringify(event.detail) })))
    .execute();
}

/** Newest first, before the id `beforeId` (a page's cursor) when given. */
export async function listSecurityEvents(db: Executor, options: { limit: number; beforeId?: number; kind?: string }): Promise<SecurityEvent[]> {
  let query = db.selectFrom('security_events').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId);
  if (options.kind !== undefined) query = query.where('kind', '=', options.kind);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: Number(row.created_at),
    kind: row.kind,
    agentId: row.agent_id,
    email: row.email,
    address: row.address,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  }));
}

/** Drops entries older than `before`: the log keeps a bounded history. */
export async function pruneSecurityEvents(db: Executor, before: number): Promise<void> {
  await db.deleteFrom('security_events').where('created_at', '<', before).execute();
}
