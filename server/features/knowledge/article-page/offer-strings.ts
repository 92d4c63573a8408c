import type { PageLanguage } from '../../channels/request-page/request-page-strings';

/** The words under an article offered with an acknowledgement, and of the answers' pages, en/ru/pl. */
export type OfferStrings = {
  question: (number: number) => string;
  solved: string;
  needHelp: string;
  solvedTitle: string;
  solvedDone: (number: number) => string;
  helpTitle: string;
  helpDone: (number: number) => string;
  notOpen: (number: number) => string;
  linkExpired: string;
  backToArticle: string;
};

export const OFFER_STRINGS: Record<PageLanguage, OfferStrings> = {
  en: {
    question: (number) => `Did this answer your request #${number}?`,
    solved: 'This solved my problem',
    needHelp: 'I still need help',
    solvedTitle: 'Thank you',
    solvedDone: (number) => `Request #${number} is marked solved. If the problem comes back, just answer our mail.`,
    helpTitle: 'We are on it',
    helpDone: (number) => `An agent will answer your request #${number}, as promised in our mail.`,
    notOpen: (number) => `Request #${number} is already solved or closed.`,
    linkExpired: 'This link has expired. Answer our mail if you still need help.',
    backToArticle: 'Back to the article',
  },
  ru: {
    question: (number) => `Это ответ на ваше обращение №${number}?`,
    solved: 'Это решило мою проблему',
    needHelp: 'Мне всё ещё нужна помощь',
    solvedTitle: 'Спасибо',
    solvedDone: (number) => `Обращение №${number} отмечено как решённое. Если проблема вернётся, просто ответьте на наше письмо.`,
    helpTitle: 'Мы занимаемся этим',
    helpDone: (number) => `Сотрудник ответит на ваше обращение №${number} в срок, указанный в нашем письме.`,
    notOpen: (number) => `Обращение №${number} уже решено или закрыто.`,
    linkExpired: 'Срок действия ссылки истёк. Если помощь ещё нужна, ответьте на наше письмо.',
    backToArticle: 'Вернуться к статье',
  },
  pl: {
    question: (number) => `Czy to odpowiada na Twoje zgłoszenie nr ${number}?`,
    solved: 'To rozwiązało mój problem',
    needHelp: 'Nadal potrzebuję pomocy',
    solvedTitle: 'Dziękujemy',
    solvedDone: (number) => `Zgłoszenie nr ${number} oznaczono jako rozwiązane. Jeśli problem wróci, po prostu odpowiedz na naszą wiadomość.`,
    helpTitle: 'Zajmujemy się tym',
    helpDone: (number) => `Konsultant odpowie na Twoje zgłoszenie nr ${number} w terminie podanym w naszej wiadomości.`,
    notOpen: (number) => `Zgłoszenie nr ${number} jest już rozwiązane lub zamknięte.`,
    linkExpired: 'Ten link wygasł. Jeśli nadal potrzebujesz pomocy, odpowiedz na naszą wiadomość.',
    backToArticle: 'Wróć do artykułu',
  },
};
