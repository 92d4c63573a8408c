import ElectronStore from 'electron-store';
import { z } from 'zod';
import { LANGUAGES, type DesktopSettings, type Language } from '../../core/desktop-api';

export const FALLBACK_SERVER_URL = 'http://localhost:8080';

/** An absolute http(s) URL; the one rule for the server address wherever it comes from. */
export const ServerUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol), {
    message: 'must be an absolute http:// or https:// URL',
  });

export const LanguageSchema = z.enum(LANGUAGES);

export const WindowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
});
export type WindowBounds = z.infer<typeof WindowBoundsSchema>;

type StoredSettings = {
  serverUrl?: string;
  language?: Language | null;
  windowBounds?: WindowBounds;
};

/**
 * The desktop settings, persisted in the user data folder. Reads never throw: a missing, hand-edited
 * or corrupt value reads as its default. Writes take already-validated values (the IPC layer
 * validates), but still refuse invalid ones so nothing bad reaches the file.
 */
export type SettingsStore = {
  read(): DesktopSettings;
  setServerUrl(url: string): void;
  setLanguage(language: Language): void;
  readWindowBounds(): WindowBounds | null;
  saveWindowBounds(bounds: WindowBounds): void;
};

/**
 * The server URL used until the agent sets one: TIERDESK_SERVER_URL when it is a valid http(s) URL
 * (so an installer or admin can point a fleet at a server), otherwise http://localhost:8080.
 */
export function defaultServerUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const fromEnv = env.TIERDESK_SERVER_URL;
  if (fromEnv === undefined || fromEnv.trim() === '') return FALLBACK_SERVER_URL;
  const parsed = ServerUrlSchema.safeParse(fromEnv);
  if (parsed.success) return parsed.data;
  console.warn(`Ignoring TIERDESK_SERVER_URL ${JSON.stringify(fromEnv)}: not an http(s) URL`);
  return FALLBACK_SERVER_URL;
}

export type SettingsStoreOptions = {
  /** Where config.json lives; defaults to Electron's userData folder. */
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
};

/** Opens (or creates) the settings file. Needs the Electron app module, so call it in main only. */
export function openSettingsStore(options: SettingsStoreOptions = {}): SettingsStore {
  const store = new ElectronStore<StoredSettings>({
    name: 'settings',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    // A corrupt file must not keep the desk from starting; the settings are cheap to re-enter.
    clearInvalidConfig: true,
  });
  // No serverUrl default is written to the file, so the env default keeps applying until the agent chooses.
  const fallbackServerUrl = defaultServerUrl(options.env);

  return {
    read() {
      const serverUrl = ServerUrlSchema.safeParse(store.get('serverUrl'));
      const language = LanguageSchema.safeParse(store.get('language'));
      return {
        serverUrl: serverUrl.success ? serverUrl.data : fallbackServerUrl,
        language: language.success ? language.data : null,
      };
    },
    setServerUrl(url) {
      store.set('serverUrl', ServerUrlSchema.parse(url));
    },
    setLanguage(language) {
      store.set('language', LanguageSchema.parse(language));
    },
    readWindowBounds() {
      const bounds = WindowBoundsSchema.safeParse(store.get('windowBounds'));
      return bounds.success ? bounds.data : null;
    },
    saveWindowBounds(bounds) {
      store.set('windowBounds', WindowBoundsSchema.parse(bounds));
    },
  };
}
