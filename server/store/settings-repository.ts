import { DEFAULT_SLA_SETTINGS, SlaSettingsSchema, type SlaSettings } from '../../core';
import type { Executor } from './database';

const SLA_KEY = 'sla';

/** The last stored text and what it parsed to: validating a calendar (time zones) costs far more than reading a row. */
let parsedCache: { raw: string; settings: SlaSettings } | null = null;

/**
 * The SLA settings in force. Read inside each write transaction rather than cached, so that every
 * server process applies the same policy the moment an admin changes it; only the parse of an
 * unchanged row is reused.
 */
export async function loadSlaSettings(db: Executor): Promise<SlaSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SLA_KEY).executeTakeFirst();
  if (!row) return DEFAULT_SLA_SETTINGS;
  if (parsedCache?.raw === row.value) return parsedCache.settings;
  const parsed = SlaSettingsSchema.safeParse(JSON.parse(row.value));
  // Settings are validated when saved; a row that no longer parses (a newer version wrote it) falls back safely.
  const settings = parsed.success ? parsed.data : DEFAULT_SLA_SETTINGS;
  parsedCache = { raw: row.value, settings };
  return settings;
}

export async function saveSlaSettings(db: Executor, settings: SlaSettings, now: number): Promise<void> {
  const value = JSON.stringify(settings);
  const updated = await db.updateTable('settings').set({ value, updated_at: now }).where('key', '=', SLA_KEY).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('settings').values({ key: SLA_KEY, value, updated_at: now }).execute();
}
