import type { Template } from '../../core';
import type { Executor } from './database';

/** Answer templates: one row each, the current version (templates keep no history). */

export async function writeTemplate(db: Executor, template: Template, seq: number): Promise<void> {
  const columns = { seq, scope: template.scope, owner_id: template.ownerId, deleted: template.deleted ? 1 : 0, doc: JSON.stringify(template), updated_at: template.updatedAt };
  const updated = await db.updateTable('answer_templates').set(columns).where('id', '=', template.id).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('answer_templates').values({ id: template.id, ...columns }).execute();
}

export async function findTemplate(db: Executor, id: string): Promise<Template | undefined> {
  const row = await db.selectFrom('answer_templates').select('doc').where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  return row && (JSON.parse(row.doc) as Template);
}

/** How many live templates one owner keeps (null: the shared ones). */
export async function countLiveTemplates(db: Executor, ownerId: string | null): Promise<number> {
  const row = await db
    .selectFrom('answer_templates')
    .select((eb) => eb.fn.countAll().as('count'))
    .where('owner_id', ownerId === null ? 'is' : '=', ownerId)
    .where('deleted', '=', 0)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/** The shared templates and this agent's own, by name. */
export async function templatesOf(db: Executor, agentId: string, limit: number): Promise<Template[]> {
  const rows = await db
    .selectFrom('answer_templates')
    .select('doc')
    .where((eb) => eb.or([eb('owner_id', 'is', null), eb('owner_id', '=', agentId)]))
    .where('deleted', '=', 0)
    .limit(limit)
    .execute();
  return rows.map((row) => JSON.parse(row.doc) as Template).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * What changed after `afterSeq` that this agent holds (shared templates and their own), in feed
 * order, deleted ones included. Two reads on the (owner, seq) index rather than one `or`, so
 * each is an index range whatever other agents keep.
 */
export async function templatesChangedAfter(db: Executor, agentId: string, afterSeq: number, limit: number): Promise<{ template: Template; seq: number }[]> {
  const read = (ownerId: string | null) =>
    db
      .selectFrom('answer_templates')
      .select(['doc', 'seq'])
      .where('owner_id', ownerId === null ? 'is' : '=', ownerId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  const [shared, own] = await Promise.all([read(null), read(agentId)]);
  return [...shared, ...own]
    .map((row) => ({ template: JSON.parse(row.doc) as Template, seq: Number(row.seq) }))
    .sort((a, b) => a.seq - b.seq)
    .slice(0, limit);
}

export async function countTemplatesChangedAfter(db: Executor, agentId: string, afterSeq: number): Promise<number> {
  const count = async (ownerId: string | null) => {
    const row = await db
      .selectFrom('answer_templates')
      .select((eb) => eb.fn.countAll().as('count'))
      .where('owner_id', ownerId === null ? 'is' : '=', ownerId)
      .where('seq', '>', afterSeq)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  };
  const [shared, own] = await Promise.all([count(null), count(agentId)]);
  return shared + own;
}
