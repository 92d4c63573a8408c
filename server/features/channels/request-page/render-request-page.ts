import type { Message, Ticket } from '../../../../core';
import { escapeHtml, publicPage } from '../public-page';
import { REQUEST_PAGE_STRINGS, type PageLanguage, type RequestPageStrings } from './request-page-strings';

export type RequestView = {
  ticket: Pick<Ticket, 'number' | 'subject' | 'status' | 'updatedAt'>;
  /** The public conversation's latest messages, oldest first. */
  messages: readonly Message[];
  /** Older public messages exist than those shown. */
  hasOlder: boolean;
  timeZone: string;
};

/** The customer's page of one request: its status in plain words and the public conversation, nothing internal. */
export function renderRequestPage(language: PageLanguage, view: RequestView): string {
  const strings = REQUEST_PAGE_STRINGS[language];
  const time = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: view.timeZone });
  const { ticket } = view;
  const title = strings.title(ticket.number);
  const older = view.hasOlder ? `<p class="meta">${escapeHtml(strings.olderHidden)}</p>` : '';
  const items = view.messages.map((message) => messageItem(message, strings, time)).join('');
  return publicPage(
    language,
    title,
    `<h1>${escapeHtml(title)}: ${escapeHtml(ticket.subject)}</h1>
<p class="meta">${escapeHtml(strings.statusLabel)}: <span class="status">${escapeHtml(strings.status[ticket.status])}</span></p>
<p class="meta">${escapeHtml(strings.lastChange)}: <time datetime="${new Date(ticket.updatedAt).toISOString()}">${escapeHtml(time.format(ticket.updatedAt))}</time></p>
${older}<ol>${items}</ol><p>${escapeHtml(strings.howToAnswer)}</p>`,
  );
}

function messageItem(message: Message, strings: RequestPageStrings, time: Intl.DateTimeFormat): string {
  const fromCustomer = message.kind === 'customer';
  // Agents are named by first name only: the customer needs to know who answers, not the desk's directory.
  const who = fromCustomer ? strings.you : message.kind === 'reply' ? message.authorName.trim().split(/\s+/)[0] || strings.desk : strings.desk;
  const files = message.attachments?.filter((file) => !file.inline) ?? [];
  const fileList = files.length === 0 ? '' : `<p class="files">${escapeHtml(strings.attachments)}: ${files.map((file) => escapeHtml(file.filename)).join(', ')}</p>`;
  return `<li class="${fromCustomer ? 'you' : 'desk'}"><span class="who">${escapeHtml(who)}</span><time class="when" datetime="${new Date(message.createdAt).toISOString()}">${escapeHtml(time.format(message.createdAt))}</time><p class="body">${escapeHtml(message.body)}</p>${fileList}</li>`;
}

/** A link that expired or never was one: what happened and what to do, in the customer's language. */
export function renderLinkProblemPage(language: PageLanguage, problem: 'expired' | 'invalid'): string {
  const strings = REQUEST_PAGE_STRINGS[language];
  const [title, text] = problem === 'expired' ? [strings.expiredTitle, strings.expired] : [strings.invalidTitle, strings.invalid];
  return publicPage(language, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
