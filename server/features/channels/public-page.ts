import { PAGE_LANGUAGES, type PageLanguage } from './request-page/request-page-strings';

/** Every character that means something in HTML, escaped: nothing a customer or agent wrote becomes markup. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

// Inline styles only: the pages run no script, and the console's CSP allows inline style and nothing else inline.
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2430}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0}.meta{color:#4a5568;margin:.25rem 0}
.status{display:inline-block;background:#e6eefc;color:#1a3e8c;border-radius:1rem;padding:.1rem .7rem}
ol{list-style:none;padding:0}li{background:#fff;border:1px solid #dde1e7;border-radius:.5rem;padding:.75rem;margin:.75rem 0}
li.you{border-left:4px solid #7a8699}li.desk{border-left:4px solid #2f6fde}
.who{font-weight:600}.when{color:#4a5568;font-size:.85rem;margin-left:.5rem}
.body{white-space:pre-wrap;overflow-wrap:anywhere;margin:.4rem 0 0}
.files{font-size:.9rem;color:#4a5568}nav{font-size:.85rem}nav a{margin-right:.6rem}
article{background:#fff;border:1px solid #dde1e7;border-radius:.5rem;padding:.25rem 1rem;overflow-wrap:anywhere}
pre{overflow-x:auto;background:#f0f2f5;padding:.5rem}code{background:#f0f2f5}
form.offer{background:#fff;border:1px solid #dde1e7;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
form.offer button{font:inherit;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0;border-radius:.4rem;border:1px solid #2f6fde;background:#fff;color:#1a3e8c;cursor:pointer}
form.offer button[value=solved]{background:#2f6fde;color:#fff}`;

/**
 * A whole page of the server's own public pages (a customer's request, a knowledge-base article):
 * a language switch, the content, no script. `indexable`: search engines may list it (public
 * articles); pages behind a personal link never are. `keep`: query parameters the language links
 * carry along (an offered article's link token).
 */
export function publicPage(language: PageLanguage, title: string, content: string, options: { indexable?: boolean; keep?: Record<string, string> } = {}): string {
  const kept = Object.entries(options.keep ?? {}).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}&amp;`).join('');
  const languages = PAGE_LANGUAGES.map((code) => (code === language ? `<strong>${code}</strong>` : `<a href="?${kept}lang=${code}" hreflang="${code}">${code}</a>`)).join('');
  const robots = options.indexable ? '' : '<meta name="robots" content="noindex">';
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${robots}<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><nav aria-label="language">${languages}</nav>${content}</main></body></html>`;
}
