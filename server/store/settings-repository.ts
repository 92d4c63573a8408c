import { DEFAULT_SLA_SETTINGS, SlaSettingsSchema, type SlaSettings } from '../../core';
import type { Executor } from './database';

const SLA_KEY = 'sla';

/**
 * The SLA settings in force. Read inside each write transaction rather than cached, so that every
 * server process applies the same policy the moment an admin changes it.
 */
export async function loadSlaSettings(db: Executor): Promise<SlaSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SLA_KEY).executeTakeFirst();
  if (!row) return DEFAULT_SLA_SETTINGS;
  const parsed = SlaSettingsSchema.safeParse(JSON.parse(row.value));
  // Settings are validated when saved; a row that no longer parses (a newer version wrote it) falls back safely.
  return parsed.success ? parsed.data : DEFAULT_SLA_SETTINGS;
}

export async function saveSlaSettings(db: Executor, settings: SlaSettings, now: number): Promise<void> {
  const value = JSON.stringify(settings);
  const updated = await db.updateTable('settings').set({ value, updated_at: now }).where('key', '=', SLA_KEY).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('settings').values({ key: SLA_KEY, value, updated_at: now }).execute();
}
