import { DEFAULT_SELF_SERVICE, SelfServiceSettingsSchema, type SelfServiceSettings } from '../../core/knowledge';
import type { Executor } from './database';
import { readSetting, writeSetting } from './settings-repository';

const SELF_SERVICE_KEY = 'self_service';

/** The last stored text and what it parsed to: intake reads the row for every request, the parse of an unchanged one is reused. */
let parsedCache: { raw: string; settings: SelfServiceSettings } | null = null;

/** The offer thresholds in force (read for every intake, so every process applies a change at once). */
export async function loadSelfServiceSettings(db: Executor): Promise<SelfServiceSettings> {
  const raw = await readSetting(db, SELF_SERVICE_KEY);
  if (raw === undefined) return DEFAULT_SELF_SERVICE;
  if (parsedCache?.raw === raw) return parsedCache.settings;
  const parsed = SelfServiceSettingsSchema.safeParse(JSON.parse(raw));
  const settings = parsed.success ? parsed.data : DEFAULT_SELF_SERVICE;
  parsedCache = { raw, settings };
  return settings;
}

export async function saveSelfServiceSettings(db: Executor, settings: SelfServiceSettings, now: number): Promise<void> {
  await writeSetting(db, SELF_SERVICE_KEY, settings, now);
}
