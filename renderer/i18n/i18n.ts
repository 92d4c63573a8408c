import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../core';
import { en } from './en';
import { pl } from './pl';
import { ru } from './ru';

/** All three catalogs are bundled: the console must switch language offline, without a fetch. */
export const CATALOGS = { en, ru, pl } as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** The console's one i18next instance; React components reach it through react-i18next. */
export const i18n: I18n = i18next.createInstance();

/**
 * Initialises i18n synchronously (catalogs are in memory), so the first render is already in the
 * agent's language. Safe to call again: later calls only switch the language.
 */
export function initI18n(language: Language): I18n {
  if (i18n.isInitialized) {
    void i18n.changeLanguage(language);
  } else {
    void i18n.use(initReactI18next).init({
      lng: language,
      fallbackLng: 'en',
      supportedLngs: [...LANGUAGES],
      resources: {
        en: { translation: en },
        ru: { translation: ru },
        pl: { translation: pl },
      },
      initAsync: false,
      // React escapes what it renders; escaping here too would show "&amp;" in subjects.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  setDocumentLanguage(language);
  return i18n;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  setDocumentLanguage(language);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** First of the browser's preferred languages that we have a catalog for, else English. */
export function preferredLanguage(browserLanguages: readonly string[]): Language {
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Screen readers and hyphenation follow <html lang>. */
function setDocumentLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
