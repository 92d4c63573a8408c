import { DEFAULT_SELF_SERVICE, SelfServiceSettingsSchema, type SelfServiceSettings } from '../../core/knowledge';
import type { Executor } from './database';
import { settingReader, writeSetting } from './settings-repository';

const SELF_SERVICE_KEY = 'self_service';

/** The offer thresholds in force (read for every intake, so every process applies a change at once). */
export const loadSelfServiceSettings = settingReader(SELF_SERVICE_KEY, SelfServiceSettingsSchema, DEFAULT_SELF_SERVICE);

export async function saveSelfServiceSettings(db: Executor, settings: SelfServiceSettings, now: number): Promise<void> {
  await writeSetting(db, SELF_SERVICE_KEY, settings, now);
}
