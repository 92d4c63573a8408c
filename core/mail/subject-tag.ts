import { TICKET_NUMBER_MAX } from '../domain/ticket';

/**
 * The ticket's number in a mail subject, `[#1042]`: what a customer's reply keeps when their mail
 * client drops In-Reply-To and References. The tag alone never proves who wrote: threading also
 * asks that the sender take part in that ticket (see threadingDecision).
 */
const TAG = /\[#(\d{1,10})\]/;

export function subjectTag(number: number): string {
  return `[#${number}]`;
}

/** The number a subject's tag names, or null when it carries none (or an impossible one). */
export function ticketNumberInSubject(subject: string): number | null {
  const match = TAG.exec(subject);
  if (!match) return null;
  const number = Number(match[1]);
  return number >= 1 && number <= TICKET_NUMBER_MAX ? number : null;
}

/** Reply prefixes of English, Russian and Polish mail clients (and the Outlook "FW"/"AW" family). */
const REPLY_PREFIX = /^\s*((re|fw|fwd|aw|wg|odp|otv|отв|ответ|пересл|tr|sv)\s*(\[\d+\])?\s*:\s*)+/i;

/** The subject of a mail about this ticket: "Re: " once, the tag once, the customer's words unchanged. */
export function replySubject(ticketSubject: string, number: number): string {
  const bare = ticketSubject.replace(REPLY_PREFIX, '').replace(TAG, '').replace(/\s+/g, ' ').trim();
  return `Re: ${subjectTag(number)} ${bare}`.trim();
}

/** A mail's subject as a ticket's: prefixes and our tag removed, at most 200 characters, never empty. */
export function ticketSubjectOf(mailSubject: string | undefined): string {
  const bare = (mailSubject ?? '').replace(REPLY_PREFIX, '').replace(TAG, '').replace(/\s+/g, ' ').trim();
  return (bare || '(no subject)').slice(0, 200);
}
