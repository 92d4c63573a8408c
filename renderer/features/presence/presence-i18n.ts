import type { Catalog } from '../../i18n/en';

/**
 * The presence section of the catalogs, kept beside its feature: en, ru and pl hold the same keys
 * (renderer/i18n/catalogs.test.tsx checks it). Wired into each language's catalog in renderer/i18n.
 */
export const presenceStrings = {
  en: {
    heading: 'Presence',
    // "Available", not "Online": the header also shows the connection, which is online or offline.
    online: 'Available',
    away: 'Away',
    offline: 'Offline',
    mine: 'My presence',
    setAway: "I'm away",
    setAwayHint: 'While you are away, routing gives you no new tickets.',
  },
  ru: {
    heading: 'Присутствие',
    online: 'На месте',
    away: 'Нет на месте',
    offline: 'Не в сети',
    mine: 'Моё присутствие',
    setAway: 'Меня нет на месте',
    setAwayHint: 'Пока вас нет на месте, новые заявки вам не назначаются.',
  },
  pl: {
    heading: 'Obecność',
    online: 'Przy biurku',
    away: 'Z dala od biurka',
    offline: 'Offline',
    mine: 'Moja obecność',
    setAway: 'Zaraz wracam',
    setAwayHint: 'Gdy nie ma Cię przy biurku, nie otrzymujesz nowych zgłoszeń.',
  },
} satisfies Record<'en' | 'ru' | 'pl', Catalog>;
