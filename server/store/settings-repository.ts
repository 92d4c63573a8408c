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
  const raw = await readSetting(db, SLA_KEY);
  if (raw === undefined) return DEFAULT_SLA_SETTINGS;
  if (parsedCache?.raw === raw) return parsedCache.settings;
  const parsed = SlaSettingsSchema.safeParse(JSON.parse(raw));
  // Settings are validated when saved; a row that no longer parses (a newer version wrote it) falls back safely.
  const settings = parsed.success ? parsed.data : DEFAULT_SLA_SETTINGS;
  parsedCache = { raw, settings };
  return settings;
}

export async function saveSlaSettings(db: Executor, settings: SlaSettings, now: number): Promise<void> {
  await writeSetting(db, SLA_KEY, settings, now);
}

/** A setting's stored JSON text, or undefined when it was never set. */
export async function readSetting(db: Executor, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

/** Stores a setting as JSON, replacing what was there. */
export async function writeSetting(db: Executor, key: string, value: unknown, now: number): Promise<void> {
  const text = JSON.stringify(value);
  const updated = await db.updateTable('settings').set({ value: text, updated_at: now }).where('key', '=', key).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('settings').values({ key, value: text, updated_at: now }).execute();
}
