import DOMPurify from 'dompurify';

/** Links in shown HTML open outside the console, and never tell the other site where they came from. */
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/**
 * HTML from the server (a mail's formatted body, an article's rendered Markdown), cleaned once more
 * in the console, which never trusts a stored document alone: web and mail links only, no styles,
 * images, forms or frames (an image would tell its sender the agent opened it).
 */
export function purified(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i, FORBID_TAGS: ['style', 'img', 'form', 'input', 'iframe'], FORBID_ATTR: ['style'] });
}
