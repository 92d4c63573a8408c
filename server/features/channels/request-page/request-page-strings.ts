import type { TicketStatus } from '../../../../core';

export const PAGE_LANGUAGES = ['en', 'ru', 'pl'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** The words of the customer's page of a request: the status as a customer understands it, not the desk's terms. */
export type RequestPageStrings = {
  title: (number: number) => string;
  status: Record<TicketStatus, string>;
  statusLabel: string;
  lastChange: string;
  you: string;
  desk: string;
  howToAnswer: string;
  olderHidden: string;
  attachments: string;
  expiredTitle: string;
  expired: string;
  invalidTitle: string;
  invalid: string;
};

const en: RequestPageStrings = {
  title: (number) => `Your request #${number}`,
  status: {
    new: 'Received: an agent will answer soon',
    in_progress: 'We are working on it',
    waiting_for_customer: 'Waiting for your answer',
    hold: 'On hold: we are waiting for someone else',
    fixed: 'Solved: reply if it still does not work',
    closed: 'Closed',
    canceled: 'Canceled',
  },
  statusLabel: 'Status',
  lastChange: 'Last change',
  you: 'You',
  desk: 'Support',
  howToAnswer: 'To answer, reply to any of our mails about this request.',
  olderHidden: 'Earlier messages are not shown here.',
  attachments: 'Attachments',
  expiredTitle: 'This link has expired',
  expired: 'Reply to any of our mails about this request: the next answer carries a fresh link.',
  invalidTitle: 'This link does not open a request',
  invalid: 'Check that the whole link was copied from the mail.',
};

const ru: RequestPageStrings = {
  title: (number) => `Ваше обращение №${number}`,
  status: {
    new: 'Получено: специалист скоро ответит',
    in_progress: 'Мы работаем над ним',
    waiting_for_customer: 'Ждём вашего ответа',
    hold: 'Отложено: ждём ответа третьей стороны',
    fixed: 'Решено: ответьте, если проблема осталась',
    closed: 'Закрыто',
    canceled: 'Отменено',
  },
  statusLabel: 'Статус',
  lastChange: 'Последнее изменение',
  you: 'Вы',
  desk: 'Поддержка',
  howToAnswer: 'Чтобы ответить, ответьте на любое наше письмо по этому обращению.',
  olderHidden: 'Более ранние сообщения здесь не показаны.',
  attachments: 'Вложения',
  expiredTitle: 'Срок действия ссылки истёк',
  expired: 'Ответьте на любое наше письмо по этому обращению: в следующем ответе будет новая ссылка.',
  invalidTitle: 'Эта ссылка не открывает обращение',
  invalid: 'Проверьте, что ссылка скопирована из письма целиком.',
};

const pl: RequestPageStrings = {
  title: (number) => `Twoje zgłoszenie nr ${number}`,
  status: {
    new: 'Przyjęte: konsultant wkrótce odpowie',
    in_progress: 'Pracujemy nad nim',
    waiting_for_customer: 'Czekamy na Twoją odpowiedź',
    hold: 'Wstrzymane: czekamy na stronę trzecią',
    fixed: 'Rozwiązane: odpowiedz, jeśli nadal nie działa',
    closed: 'Zamknięte',
    canceled: 'Anulowane',
  },
  statusLabel: 'Status',
  lastChange: 'Ostatnia zmiana',
  you: 'Ty',
  desk: 'Wsparcie',
  howToAnswer: 'Aby odpowiedzieć, odpowiedz na dowolną naszą wiadomość w tej sprawie.',
  olderHidden: 'Wcześniejsze wiadomości nie są tu pokazane.',
  attachments: 'Załączniki',
  expiredTitle: 'Ten link wygasł',
  expired: 'Odpowiedz na dowolną naszą wiadomość w tej sprawie: następna odpowiedź będzie zawierać nowy link.',
  invalidTitle: 'Ten link nie otwiera zgłoszenia',
  invalid: 'Sprawdź, czy link został skopiowany z wiadomości w całości.',
};

export const REQUEST_PAGE_STRINGS: Record<PageLanguage, RequestPageStrings> = { en, ru, pl };

/** `?lang=` when it names one of ours, else the first of the browser's Accept-Language we speak, else English. */
export function pageLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguage {
  const chosen = PAGE_LANGUAGES.find((language) => language === query);
  if (chosen) return chosen;
  const wanted = (acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((param) => param.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { base: tag.split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return wanted.map((entry) => PAGE_LANGUAGES.find((language) => language === entry.base)).find((language) => language !== undefined) ?? 'en';
}
