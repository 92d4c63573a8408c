import type { z } from 'zod';
import { DEFAULT_SLA_SETTINGS, SlaSettingsSchema, type SlaSettings } from '../../core';
import type { Executor } from './database';

const SLA_KEY = 'sla';

/**
 * The SLA settings in force. Read inside each write transaction rather than cached, so that every
 * server process applies the same policy the moment an admin changes it; only the parse of an
 * unchanged row is reused.
 */
export const loadSlaSettings = settingReader(SLA_KEY, SlaSettingsSchema, DEFAULT_SLA_SETTINGS);

export async function saveSlaSettings(db: Executor, settings: SlaSettings, now: number): Promise<void> {
  await writeSetting(db, SLA_KEY, settings, now);
}

/**
 * Reads a setting that requests or writes read each time (so every process applies a change at
 * once), reusing the parse of an unchanged row: validating (time zones, say) costs far more than
 * reading it. A row that no longer parses (a newer version wrote it) falls back to `fallback`.
 */
export function settingReader<T>(key: string, schema: z.ZodType<T>, fallback: T): (db: Executor) => Promise<T> {
  let parsedCache: { raw: string; value: T } | null = null;
  return async (db) => {
    const raw = await readSetting(db, key);
    if (raw === undefined) return fallback;
    if (parsedCache?.raw === raw) return parsedCache.value;
    const parsed = schema.safeParse(JSON.parse(raw));
    const value = parsed.success ? parsed.data : fallback;
    parsedCache = { raw, value };
    return value;
  };
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
