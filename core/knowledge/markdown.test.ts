import { describe, expect, it } from 'vitest';
import { articleSlug } from '../domain/article';
import { articlePlainText, renderArticleHtml } from './markdown';

describe('article Markdown', () => {
  it('renders Markdown, never raw HTML or script links', () => {
    const html = renderArticleHtml('# Reset\n\n**Open** [settings](https://desk.example/settings)\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(html).toContain('<h1>Reset</h1>');
    expect(html).toContain('<strong>Open</strong>');
    expect(html).toContain('<a href="https://desk.example/settings" rel="noopener noreferrer nofollow" target="_blank">settings</a>');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;');
  });

  it('gives the plain words for search and snippets', () => {
    expect(articlePlainText('# Drukarka\n\nKliknij **Start**, potem `lpstat`.\n\n```\nsudo systemctl restart cups\n```')).toBe('Drukarka\nKliknij Start, potem lpstat.\nsudo systemctl restart cups');
  });

  it('makes a readable slug in any script, ending in the id', () => {
    expect(articleSlug('Jak zresetować hasło?', '0b1c2d3e-0000-4000-8000-000000000000')).toBe('jak-zresetowac-haslo-0b1c2d3e');
    expect(articleSlug('Сброс пароля', '0b1c2d3e-0000-4000-8000-000000000000')).toBe('сброс-пароля-0b1c2d3e');
    expect(articleSlug('!!!', '0b1c2d3e-0000-4000-8000-000000000000')).toBe('0b1c2d3e');
  });
});
