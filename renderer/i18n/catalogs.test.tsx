// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { PRIORITIES, REJECTION_CODES, TICKET_STATUSES, CHANNELS, type Language } from '../../core';
import type { Catalog } from './en';
import { CATALOGS } from './i18n';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function leafKeys(catalog: Catalog, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value, `${prefix}${key}.`),
  );
}

/** Plural keys grouped by base key, with the suffixes each language provides. */
function pluralForms(catalog: Catalog): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const key of leafKeys(catalog)) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match?.[1]) continue;
    const base = key.slice(0, match.index);
    forms.set(base, [...(forms.get(base) ?? []), match[1]].sort());
  }
  return forms;
}

const languages = Object.keys(CATALOGS) as Language[];

describe('translation catalogs', () => {
  it('have exactly the same keys in every language (plural keys compared by their base key)', () => {
    const baseKeys = (language: Language) =>
      [...new Set(leafKeys(CATALOGS[language]).map((key) => key.replace(PLURAL_SUFFIX, '')))].sort();
    for (const language of languages) {
      expect(baseKeys(language), language).toEqual(baseKeys('en'));
    }
  });

  it("give every plural key exactly the plural forms of its language's grammar", () => {
    for (const language of languages) {
      const categories = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
      const forms = pluralForms(CATALOGS[language]);
      expect([...forms.keys()].sort(), language).toEqual([...pluralForms(CATALOGS.en).keys()].sort());
      for (const [base, suffixes] of forms) {
        expect(suffixes, `${language} ${base}`).toEqual(categories);
      }
    }
  });

  it('name every status, priority, channel and rejection code of core', () => {
    for (const language of languages) {
      const keys = new Set(leafKeys(CATALOGS[language]));
      for (const status of TICKET_STATUSES) expect(keys, language).toContain(`status.${status}`);
      for (const priority of PRIORITIES) expect(keys, language).toContain(`priority.${priority}`);
      for (const channel of CHANNELS) expect(keys, language).toContain(`channel.${channel}`);
      for (const code of REJECTION_CODES) expect(keys, language).toContain(`rejection.${code}`);
    }
  });

  it('use the same interpolation variables in every language', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    const texts = (language: Language) => {
      const result = new Map<string, string[]>();
      const walk = (catalog: Catalog, prefix: string) => {
        for (const [key, value] of Object.entries(catalog)) {
          if (typeof value !== 'string') walk(value, `${prefix}${key}.`);
          // Plural forms may omit {{count}} (e.g. "unsynced changes" next to a separate number).
          else result.set(`${prefix}${key}`.replace(PLURAL_SUFFIX, ''), variables(value).filter((v) => v !== 'count'));
        }
      };
      walk(CATALOGS[language], '');
      return result;
    };
    const english = texts('en');
    for (const language of languages) {
      for (const [key, names] of texts(language)) expect(names, `${language} ${key}`).toEqual(english.get(key));
    }
  });
});
