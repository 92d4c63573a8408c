import { randomUUID } from 'node:crypto';
import type { ArticleLanguage, Message, Ticket } from '../../../core';

/** A public article offered with the acknowledgement: its title and the link to its page. */
export type OfferedArticle = { title: string; language: ArticleLanguage; url: string };

/** Said in the article's language: a customer offered a Polish article wrote in Polish. */
const OFFER_LINES: Record<ArticleLanguage, (title: string, url: string) => string> = {
  en: (title, url) => `This may answer your question: “${title}”\n${url}\nIf it does, press “This solved my problem” on that page; if not, an agent will answer as promised.`,
  ru: (title, url) => `Возможно, здесь есть ответ на ваш вопрос: «${title}»\n${url}\nЕсли он помог, нажмите на этой странице «Это решило мою проблему»; если нет, вам ответит сотрудник.`,
  pl: (title, url) => `To może odpowiadać na Twoje pytanie: „${title}”\n${url}\nJeśli tak, kliknij na tej stronie „To rozwiązało mój problem”; jeśli nie, odpowie Ci konsultant.`,
};

/**
 * The automatic answer to a new request: its number and when a person will answer, from the
 * SLA, and a public article that may answer it when one matches strongly (self-service). Stored
 * as an outgoing message, which the email channel mails. English: the customer's language is not
 * known yet (the offer is in its article's language).
 */
export function acknowledgement(ticket: Ticket, timeZone: string, now: number, offer: OfferedArticle | null = null): Message {
  const due = ticket.sla.firstResponseDueAt;
  const when = due === null ? 'as soon as possible' : `by ${formatInZone(due, timeZone)}`;
  const offerText = offer ? `\n\n${OFFER_LINES[offer.language](offer.title, offer.url)}` : '';
  return {
    id: randomUUID(),
    ticketId: ticket.id,
    kind: 'auto_reply',
    body: `We have received your request and registered it as ticket #${ticket.number}. An agent will answer ${when}.${offerText}`,
    authorId: null,
    authorName: 'Tierdesk',
    createdAt: now,
  };
}

// Building a DateTimeFormat costs far more than formatting with one (it was 6 % of intake's CPU).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** e.g. "24 Nov 2026, 13:00 GMT+1": the calendar's own zone, named, so nobody guesses whose time it is. */
function formatInZone(instant: number, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}
