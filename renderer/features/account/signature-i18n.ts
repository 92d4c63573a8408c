import type { Catalog } from '../../i18n/en';

/** The agent's mail signature (Account screen), kept beside the feature (key parity: catalogs.test.tsx). */
export const signatureStrings = {
  en: {
    signature: {
      title: 'Mail signature',
      label: 'Added under your replies when they are mailed to the customer',
      hint: 'You may use {{placeholders}}.',
      save: 'Save signature',
      saved: 'Signature saved.',
      failed: 'The signature was not saved: {{message}}',
    },
  },
  ru: {
    signature: {
      title: 'Подпись в письмах',
      label: 'Добавляется под вашими ответами в письмах клиенту',
      hint: 'Можно использовать {{placeholders}}.',
      save: 'Сохранить подпись',
      saved: 'Подпись сохранена.',
      failed: 'Подпись не сохранена: {{message}}',
    },
  },
  pl: {
    signature: {
      title: 'Podpis w wiadomościach',
      label: 'Dodawany pod Twoimi odpowiedziami wysyłanymi klientowi e-mailem',
      hint: 'Możesz użyć {{placeholders}}.',
      save: 'Zapisz podpis',
      saved: 'Podpis zapisany.',
      failed: 'Nie zapisano podpisu: {{message}}',
    },
  },
} satisfies Record<'en' | 'ru' | 'pl', Catalog>;
