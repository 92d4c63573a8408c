import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './mail-html';

describe('sanitizeMailHtml', () => {
  it('keeps structure and emphasis, drops scripts, styles, handlers and forms', () => {
    const html = sanitizeMailHtml(
      '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p onclick="x()" style="color:red">Hello <b>there</b></p><form><input name=a></form><iframe src="https://evil.test"></iframe></body></html>',
    );
    expect(html).toBe('<p>Hello <b>there</b></p>');
  });

  it('lets links go only to http(s) and mailto, opening apart from the console', () => {
    expect(sanitizeMailHtml('<a href="https://example.com/x">x</a><a href="javascript:alert(1)">y</a><a href="//evil.test">z</a>')).toBe(
      '<a href="https://example.com/x" target="_blank" rel="noopener noreferrer nofollow">x</a><a target="_blank" rel="noopener noreferrer nofollow">y</a><a target="_blank" rel="noopener noreferrer nofollow">z</a>',
    );
  });

  it('names images instead of loading them, remote or inline', () => {
    expect(sanitizeMailHtml('<p><img src="https://tracker.test/pixel.gif?u=1" alt="logo"><img src="cid:shot@x"></p>')).toBe('<p><span class="mail-image">[logo]</span><span class="mail-image">[image]</span></p>');
  });

  it('keeps nothing for empty or oversized HTML', () => {
    expect(sanitizeMailHtml('<script>only</script>')).toBeNull();
    expect(sanitizeMailHtml(`<p>${'a'.repeat(100_001)}</p>`)).toBeNull();
  });
});
