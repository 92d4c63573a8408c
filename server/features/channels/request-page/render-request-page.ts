import type { Message, Ticket } from '../../../../core';
import { PAGE_LANGUAGES, REQUEST_PAGE_STRINGS, type PageLanguage, type RequestPageStrings } from './request-page-strings';

/** Every character that means something in HTML, escaped: nothing a customer or agent wrote becomes markup. */
const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

// Inline styles only: the page runs no script, and the console's CSP allows inline style and nothing else inline.
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2430}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0}.meta{color:#4a5568;margin:.25rem 0}
.status{display:inline-block;background:#e6eefc;color:#1a3e8c;border-radius:1rem;padding:.1rem .7rem}
ol{list-style:none;padding:0}li{background:#fff;border:1px solid #dde1e7;border-radius:.5rem;padding:.75rem;margin:.75rem 0}
li.you{border-left:4px solid #7a8699}li.desk{border-left:4px solid #2f6fde}
.who{font-weight:600}.when{color:#4a5568;font-size:.85rem;margin-left:.5rem}
.body{white-space:pre-wrap;overflow-wrap:anywhere;margin:.4rem 0 0}
.files{font-size:.9rem;color:#4a5568}nav{font-size:.85rem}nav a{margin-right:.6rem}`;

function page(language: PageLanguage, title: string, content: string): string {
  const languages = PAGE_LANGUAGES.map((code) => (code === language ? `<strong>${code}</strong>` : `<a href="?lang=${code}" hreflang="${code}">${code}</a>`)).join('');
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><nav aria-label="language">${languages}</nav>${content}</main></body></html>`;
}

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
  return page(
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
  return page(language, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
