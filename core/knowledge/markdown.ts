import MarkdownIt from 'markdown-it';

/**
 * Markdown for knowledge-base articles, one renderer for the server's public pages and the console.
 * Raw HTML is not Markdown here (`html: false`: `<script>` shows as text), and markdown-it refuses
 * `javascript:`, `vbscript:`, `file:` and non-image `data:` links. Callers in a browser still pass
 * the result through DOMPurify, and the public pages forbid scripts by their CSP: three locks.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// Links leave the desk: no referrer, no window handle, and search engines give them no weight.
const renderLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  token.attrSet('rel', 'noopener noreferrer nofollow');
  token.attrSet('target', '_blank');
  return renderLinkOpen(tokens, index, options, env, self);
};

/** The article body as HTML (see above for what makes it safe). */
export function renderArticleHtml(body: string): string {
  return markdown.render(body);
}

/** The words of the body without Markdown's marks: what search indexes and snippets show. */
export function articlePlainText(body: string): string {
  const blocks: string[] = [];
  for (const token of markdown.parse(body, {})) {
    if (token.type === 'inline') {
      const words = (token.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : ''));
      blocks.push(words.join(''));
    } else if (token.type === 'fence' || token.type === 'code_block') {
      blocks.push(token.content.trimEnd());
    }
  }
  return blocks.filter(Boolean).join('\n');
}
