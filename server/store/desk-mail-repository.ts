import type { Executor } from './database';
import { readSetting, writeSetting } from './settings-repository';

const SETTINGS_KEY = 'mail.desk';

/** What admins set over the environment: the From address, and the relay URL sealed with the master key (it holds the relay's password). */
export type StoredDeskMail = { from?: string; relaySealed?: string };

export async function loadDeskMailSettings(db: Executor): Promise<StoredDeskMail> {
  const stored = await readSetting(db, SETTINGS_KEY);
  return stored === undefined ? {} : (JSON.parse(stored) as StoredDeskMail);
}

export async function saveDeskMailSettings(db: Executor, settings: StoredDeskMail, now: number): Promise<void> {
  await writeSetting(db, SETTINGS_KEY, settings, now);
}

export type StoredSupportAddress = { address: string; groupId: string | null };

export async function listSupportAddresses(db: Executor): Promise<StoredSupportAddress[]> {
  const rows = await db.selectFrom('support_addresses').select(['address', 'group_id']).orderBy('address').execute();
  return rows.map((row) => ({ address: row.address, groupId: row.group_id }));
}

export async function countSupportAddresses(db: Executor): Promise<number> {
  return Number((await db.selectFrom('support_addresses').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

export async function putSupportAddress(db: Executor, entry: StoredSupportAddress, now: number): Promise<void> {
  const updated = await db.updateTable('support_addresses').set({ group_id: entry.groupId }).where('address', '=', entry.address).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('support_addresses').values({ address: entry.address, group_id: entry.groupId, created_at: now }).execute();
}

export async function deleteSupportAddress(db: Executor, address: string): Promise<boolean> {
  const deleted = await db.deleteFrom('support_addresses').where('address', '=', address).executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
