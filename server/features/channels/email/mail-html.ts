import sanitizeHtml from 'sanitize-html';

/** The most sanitised HTML a message keeps (longer mails keep their text only). */
export const MAIL_HTML_MAX = 100_000;

/**
 * A mail's HTML made safe to show agents: structure and emphasis kept; scripts, styles, forms,
 * frames, event handlers and every attribute not listed dropped; links only to http(s) and
 * mailto, opening apart from the console; images only when the mail carried them (cid:), named
 * instead of shown, and never fetched from elsewhere (a remote image tells the sender that and
 * when the mail was read). The console sanitises once more before showing it.
 */
export function sanitizeMailHtml(html: string): string | null {
  const clean = sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img'],
    allowedAttributes: { a: ['href', 'target', 'rel'], img: ['alt'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } }),
      // The picture itself is an attachment of the message; here only its name stands.
      img: (_tagName, attribs) => ({ tagName: 'span', attribs: { class: 'mail-image' }, text: `[${attribs.alt || 'image'}]` }),
    },
    allowedClasses: { span: ['mail-image'] },
  }).trim();
  if (clean === '' || clean.length > MAIL_HTML_MAX) return null;
  return clean;
}
