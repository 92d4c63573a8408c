import { DEFAULT_SPAM_RULES, SpamRulesSchema, type SpamReason, type SpamRules } from '../../core';
import type { Executor } from './database';
import { readSetting, writeSetting } from './settings-repository';

export type HeldMail = { id: string; messageId: string; rawSha256: string; from: string; subject: string; preview: string; score: number; reasons: SpamReason[]; receivedAt: number };

const RULES_KEY = 'mail.spam';

export async function loadSpamRules(db: Executor): Promise<SpamRules> {
  const stored = await readSetting(db, RULES_KEY);
  // Rules are validated when saved; a row that no longer parses (a newer version wrote it) falls back safely.
  const parsed = stored === undefined ? null : SpamRulesSchema.safeParse(JSON.parse(stored));
  return parsed?.success ? parsed.data : DEFAULT_SPAM_RULES;
}

export async function saveSpamRules(db: Executor, rules: SpamRules, now: number): Promise<void> {
  await writeSetting(db, RULES_KEY, rules, now);
}

type Row = { id: string; message_id: string; raw_sha256: string; sender: string; subject: string; preview: string; score: number; reasons: string; received_at: number };
const fromRow = (row: Row): HeldMail => ({
  id: row.id,
  messageId: row.message_id,
  rawSha256: row.raw_sha256,
  from: row.sender,
  subject: row.subject,
  preview: row.preview,
  score: Number(row.score),
  reasons: JSON.parse(row.reasons) as SpamReason[],
  receivedAt: Number(row.received_at),
});

export async function holdSpam(db: Executor, mail: HeldMail): Promise<void> {
  await db
    .insertInto('spam_mails')
    .values({ id: mail.id, message_id: mail.messageId, raw_sha256: mail.rawSha256, sender: mail.from, subject: mail.subject, preview: mail.preview, score: mail.score, reasons: JSON.stringify(mail.reasons), received_at: mail.receivedAt })
    .execute();
}

export async function spamHeld(db: Executor, messageId: string): Promise<boolean> {
  return (await db.selectFrom('spam_mails').select('id').where('message_id', '=', messageId).executeTakeFirst()) !== undefined;
}

/** Newest first, after (receivedAt, id) of the last one shown. */
export async function listHeldSpam(db: Executor, after: { receivedAt: number; id: string } | null, limit: number): Promise<HeldMail[]> {
  let query = db.selectFrom('spam_mails').selectAll();
  if (after) query = query.where((eb) => eb.or([eb('received_at', '<', after.receivedAt), eb.and([eb('received_at', '=', after.receivedAt), eb('id', '<', after.id)])]));
  return (await query.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(limit).execute()).map(fromRow);
}

export async function findHeldSpam(db: Executor, id: string): Promise<HeldMail | undefined> {
  const row = await db.selectFrom('spam_mails').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function forgetHeldSpam(db: Executor, id: string): Promise<boolean> {
  return Number((await db.deleteFrom('spam_mails').where('id', '=', id).executeTakeFirst()).numDeletedRows) > 0;
}
