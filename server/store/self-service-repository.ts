import { DEFAULT_SELF_SERVICE, SelfServiceSettingsSchema, type SelfServiceSettings } from '../../core/knowledge';
import type { Executor } from './database';
import { readSetting, writeSetting } from './settings-repository';

const SELF_SERVICE_KEY = 'self_service';

/** The offer thresholds in force (read for every intake, so every process applies a change at once). */
export async function loadSelfServiceSettings(db: Executor): Promise<SelfServiceSettings> {
  const raw = await readSetting(db, SELF_SERVICE_KEY);
  if (raw === undefined) return DEFAULT_SELF_SERVICE;
  const parsed = SelfServiceSettingsSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : DEFAULT_SELF_SERVICE;
}

export async function saveSelfServiceSettings(db: Executor, settings: SelfServiceSettings, now: number): Promise<void> {
  await writeSetting(db, SELF_SERVICE_KEY, settings, now);
}
