import type { Catalog } from '../../i18n/en';

/**
 * The collision section of the catalogs, kept beside its feature: en, ru and pl hold the same keys
 * (renderer/i18n/catalogs.test.tsx checks it). Wired into each language's catalog in renderer/i18n.
 *
 * The verb agrees with a list of names, not with a number, so "one" and "several" are separate
 * keys chosen in code; CLDR plural forms would pick the singular for 21 people in Russian.
 */
export const collisionStrings = {
  en: {
    heading: 'Also here',
    oneViewing: '{{names}} is viewing',
    severalViewing: '{{names}} are viewing',
    oneTyping: '{{names}} is typing…',
    severalTyping: '{{names}} are typing…',
    others_one: '{{count}} other',
    others_other: '{{count}} others',
    rowLabel: 'Also here: {{names}}',
    typingName: '{{name}} (typing)',
    staleReply: {
      agent: 'Another agent replied while you were typing. Review their reply, then send anyway or keep editing.',
      customer: 'The customer wrote again while you were typing. Review their message, then send anyway or keep editing.',
      both: 'Another agent replied and the customer wrote again while you were typing. Review the new messages, then send anyway or keep editing.',
    },
    sendAnyway: 'Send anyway',
    keepEditing: 'Keep editing',
  },
  ru: {
    heading: 'Также здесь',
    oneViewing: '{{names}} просматривает',
    severalViewing: '{{names}} просматривают',
    oneTyping: '{{names}} печатает…',
    severalTyping: '{{names}} печатают…',
    others_one: 'ещё {{count}}',
    others_few: 'ещё {{count}}',
    others_many: 'ещё {{count}}',
    others_other: 'ещё {{count}}',
    rowLabel: 'Также здесь: {{names}}',
    typingName: '{{name}} (печатает)',
    staleReply: {
      agent: 'Пока вы печатали, ответил другой агент. Прочитайте его ответ, затем отправьте всё равно или продолжите редактирование.',
      customer: 'Пока вы печатали, клиент написал снова. Прочитайте его сообщение, затем отправьте всё равно или продолжите редактирование.',
      both: 'Пока вы печатали, ответил другой агент и клиент написал снова. Прочитайте новые сообщения, затем отправьте всё равно или продолжите редактирование.',
    },
    sendAnyway: 'Всё равно отправить',
    keepEditing: 'Продолжить редактирование',
  },
  pl: {
    heading: 'Również tutaj',
    oneViewing: '{{names}} przegląda',
    severalViewing: '{{names}} przeglądają',
    oneTyping: '{{names}} pisze…',
    severalTyping: '{{names}} piszą…',
    others_one: '{{count}} inna osoba',
    others_few: '{{count}} inne osoby',
    others_many: '{{count}} innych osób',
    others_other: '{{count}} innej osoby',
    rowLabel: 'Również tutaj: {{names}}',
    typingName: '{{name}} (pisze)',
    staleReply: {
      agent: 'Inny agent odpowiedział w trakcie pisania Twojej wiadomości. Przejrzyj jego odpowiedź, a potem wyślij mimo to lub edytuj dalej.',
      customer: 'Klient napisał ponownie w trakcie pisania Twojej wiadomości. Przejrzyj jego wiadomość, a potem wyślij mimo to lub edytuj dalej.',
      both: 'Inny agent odpowiedział, a klient napisał ponownie w trakcie pisania Twojej wiadomości. Przejrzyj nowe wiadomości, a potem wyślij mimo to lub edytuj dalej.',
    },
    sendAnyway: 'Wyślij mimo to',
    keepEditing: 'Edytuj dalej',
  },
} satisfies Record<'en' | 'ru' | 'pl', Catalog>;
