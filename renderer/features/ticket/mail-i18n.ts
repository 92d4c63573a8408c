import type { Catalog } from '../../i18n/en';

/**
 * The mail parts of a ticket's view (a message's envelope and delivery, its files, forwarding),
 * kept beside the feature: en, ru and pl hold the same keys (renderer/i18n/catalogs.test.tsx checks it).
 */
export const mailStrings = {
  en: {
    mail: {
      from: 'From',
      to: 'To',
      cc: 'Cc',
      subject: 'Subject',
      showFull: 'Show the full mail',
      showNew: 'Show only the new text',
      showFormatted: 'Show the mail as formatted',
      showText: 'Show as plain text',
      delivery: {
        queued: 'Mail queued',
        retrying: 'Mail queued; attempt {{attempts}} failed: {{error}}',
        sent: 'Mailed',
        failed: 'Not delivered: {{error}}',
      },
    },
    attachments: {
      label: 'Files',
      inline: 'inline image',
      failed: 'Could not open {{name}}: {{message}}',
    },
    forward: {
      open: 'Forward…',
      to: 'Forward to',
      note: 'Note for them (optional)',
      hint: 'They get the public conversation and its files, never internal notes. The customer is not written to.',
      send: 'Forward',
      offline: 'Forwarding needs a connection',
      sent: 'Forwarded to {{to}}.',
      failed: 'Not forwarded: {{message}}',
    },
  },
  ru: {
    mail: {
      from: 'От',
      to: 'Кому',
      cc: 'Копия',
      subject: 'Тема',
      showFull: 'Показать письмо целиком',
      showNew: 'Показать только новый текст',
      showFormatted: 'Показать письмо с оформлением',
      showText: 'Показать простым текстом',
      delivery: {
        queued: 'Письмо в очереди',
        retrying: 'Письмо в очереди; попытка {{attempts}} не удалась: {{error}}',
        sent: 'Отправлено письмом',
        failed: 'Не доставлено: {{error}}',
      },
    },
    attachments: {
      label: 'Файлы',
      inline: 'изображение в тексте',
      failed: 'Не удалось открыть {{name}}: {{message}}',
    },
    forward: {
      open: 'Переслать…',
      to: 'Переслать на',
      note: 'Сопроводительный текст (необязательно)',
      hint: 'Получатель увидит публичную переписку и файлы, но не внутренние заметки. Клиенту ничего не отправляется.',
      send: 'Переслать',
      offline: 'Для пересылки нужно подключение',
      sent: 'Переслано на {{to}}.',
      failed: 'Не переслано: {{message}}',
    },
  },
  pl: {
    mail: {
      from: 'Od',
      to: 'Do',
      cc: 'DW',
      subject: 'Temat',
      showFull: 'Pokaż całą wiadomość',
      showNew: 'Pokaż tylko nowy tekst',
      showFormatted: 'Pokaż wiadomość z formatowaniem',
      showText: 'Pokaż jako zwykły tekst',
      delivery: {
        queued: 'E-mail w kolejce',
        retrying: 'E-mail w kolejce; próba {{attempts}} nieudana: {{error}}',
        sent: 'Wysłano e-mailem',
        failed: 'Nie doręczono: {{error}}',
      },
    },
    attachments: {
      label: 'Pliki',
      inline: 'obraz w treści',
      failed: 'Nie udało się otworzyć {{name}}: {{message}}',
    },
    forward: {
      open: 'Przekaż…',
      to: 'Przekaż do',
      note: 'Notatka dla odbiorcy (opcjonalnie)',
      hint: 'Odbiorca dostaje publiczną rozmowę i jej pliki, nigdy notatek wewnętrznych. Do klienta nic nie jest wysyłane.',
      send: 'Przekaż',
      offline: 'Przekazanie wymaga połączenia',
      sent: 'Przekazano do {{to}}.',
      failed: 'Nie przekazano: {{message}}',
    },
  },
} satisfies Record<'en' | 'ru' | 'pl', Catalog>;
