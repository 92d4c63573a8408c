import type { TFunction } from 'i18next';

/** Names listed in full before the rest are counted ("Anna, Boris and 3 others"). */
const MAX_NAMED = 3;

const listFormats = new Map<string, Intl.ListFormat>();

/**
 * "Anna", "Anna and Boris", "Anna, Boris and Clara", "Anna, Boris and 3 others", joined the way
 * the agent's language joins a list (Intl.ListFormat: "и" in Russian, "i" in Polish).
 */
export function joinNames(t: TFunction, language: string, names: readonly string[]): string {
  const named = names.length <= MAX_NAMED ? names.length : MAX_NAMED - 1;
  const listed = names.slice(0, named);
  if (named < names.length) listed.push(t('collision.others', { count: names.length - named }));
  let format = listFormats.get(language);
  if (!format) {
    format = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    listFormats.set(language, format);
  }
  return format.format(listed);
}
