import type { Catalog } from '../../i18n/en';

/**
 * The supervisor section of the catalogs, kept beside its feature: en, ru and pl hold the same keys
 * (renderer/i18n/catalogs.test.tsx checks it). Wired into each language's catalog in renderer/i18n.
 */
export const supervisorStrings = {
  en: { heading: 'Workload' },
  ru: { heading: 'Нагрузка' },
  pl: { heading: 'Obciążenie' },
} satisfies Record<'en' | 'ru' | 'pl', Catalog>;
