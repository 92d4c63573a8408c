import type { MailboxSettings, MailboxView } from '../../core';
import type { Executor } from './database';

export type StoredMailbox = { id: string; settings: Omit<MailboxSettings, 'password'>; passwordSealed: string; view: MailboxView };

type Row = { id: string; settings: string; password_sealed: string; last_polled_at: number | null; last_error: string | null; idle: number | null };

function fromRow(row: Row): StoredMailbox {
  // Mailboxes saved before tlsVerify existed verify certificates, as every new one does unless an admin says otherwise.
  const stored = JSON.parse(row.settings) as Omit<MailboxSettings, 'password' | 'tlsVerify'> & { tlsVerify?: boolean };
  const settings = { ...stored, tlsVerify: stored.tlsVerify ?? true };
  return {
    id: row.id,
    settings,
    passwordSealed: row.password_sealed,
    view: { ...settings, id: row.id, passwordSet: true, lastPolledAt: row.last_polled_at, lastError: row.last_error, idle: row.idle === null ? null : row.idle === 1 },
  };
}

const COLUMNS = ['id', 'settings', 'password_sealed', 'last_polled_at', 'last_error', 'idle'] as const;

export async function listMailboxes(db: Executor): Promise<StoredMailbox[]> {
  return (await db.selectFrom('mailboxes').select(COLUMNS).orderBy('created_at').orderBy('id').execute()).map(fromRow);
}

export async function findMailbox(db: Executor, id: string): Promise<StoredMailbox | undefined> {
  const row = await db.selectFrom('mailboxes').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export async function insertMailbox(db: Executor, id: string, settings: Omit<MailboxSettings, 'password'>, passwordSealed: string, now: number): Promise<void> {
  await db
    .insertInto('mailboxes')
    .values({ id, settings: JSON.stringify(settings), password_sealed: passwordSealed, lease_owner: null, lease_until: null, last_polled_at: null, last_error: null, idle: null, created_at: now, updated_at: now })
    .execute();
}

/** New settings end the current lease: the process reading it reconnects with them. */
export async function updateMailbox(db: Executor, id: string, settings: Omit<MailboxSettings, 'password'>, passwordSealed: string, now: number): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set({ settings: JSON.stringify(settings), password_sealed: passwordSealed, updated_at: now, last_error: null, lease_until: null })
    .where('id', '=', id)
    .execute();
}

export async function deleteMailbox(db: Executor, id: string): Promise<boolean> {
  return Number((await db.deleteFrom('mailboxes').where('id', '=', id).executeTakeFirst()).numDeletedRows) > 0;
}

/**
 * Takes or renews the lease of a mailbox for `owner` until `until`: granted when nobody holds it,
 * the holder is `owner`, or the lease ran out. Returns the settings version (updated_at) leased,
 * or null when another process holds it.
 */
export async function leaseMailbox(db: Executor, id: string, owner: string, now: number, until: number): Promise<number | null> {
  const result = await db
    .updateTable('mailboxes')
    .set({ lease_owner: owner, lease_until: until })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return null;
  const row = await db.selectFrom('mailboxes').select('updated_at').where('id', '=', id).executeTakeFirst();
  return row?.updated_at ?? null;
}

export async function releaseMailbox(db: Executor, id: string, owner: string): Promise<void> {
  await db.updateTable('mailboxes').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

export async function recordMailboxPoll(db: Executor, id: string, outcome: { at: number; error: string | null; idle: boolean | null }): Promise<void> {
  await db
    .updateTable('mailboxes')
    .set({ last_polled_at: outcome.at, last_error: outcome.error, ...(outcome.idle === null ? {} : { idle: outcome.idle ? 1 : 0 }) })
    .where('id', '=', id)
    .execute();
}
