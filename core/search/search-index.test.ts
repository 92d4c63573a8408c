import { describe, expect, it } from 'vitest';
import { termsOfText, termsOfWord } from './analyze';
import { allWordsQuery, anyWordsQuery, createSearchIndex, leadingWords, snippetOf } from './search-index';

type Doc = { id: string; text: string };

const DOCS: Doc[] = [
  { id: 'pl-printer', text: 'Drukarka w biurze nie drukuje, pokazuje błąd papieru' },
  { id: 'pl-password', text: 'Nie mogę zresetować hasła do konta' },
  { id: 'ru-password', text: 'Не могу сбросить пароль от почты' },
  { id: 'ru-invoice', text: 'Где мой счёт за декабрь?' },
  { id: 'en-printer', text: 'The office printers stopped printing' },
  { id: 'pl-yellow', text: 'Żółty ekran po aktualizacji' },
];

function search(query: string): string[] {
  const index = createSearchIndex<Doc>({ fields: ['text'] });
  index.addAll(DOCS);
  const built = allWordsQuery(query);
  return built ? index.search(built).map((result) => String(result.id)) : [];
}

describe('search analysis', () => {
  it('finds a Polish word in its other forms', () => {
    for (const form of ['drukarki', 'drukarce', 'drukarkę', 'drukarkami']) expect(search(form), form).toEqual(['pl-printer']);
    for (const form of ['hasło', 'haśle', 'hasłem']) expect(search(form), form).toContain('pl-password');
  });

  it('finds a Russian word in its other forms, with ё and е alike', () => {
    for (const form of ['пароля', 'паролем', 'пароли']) expect(search(form), form).toEqual(['ru-password']);
    expect(search('счет')).toEqual(['ru-invoice']);
    expect(search('счёта')).toEqual(['ru-invoice']);
  });

  it('finds English forms and Polish typed without diacritics', () => {
    expect(search('printer')).toEqual(['en-printer']);
    expect(search('zolty ekran')).toEqual(['pl-yellow']);
  });

  it('forgives a typo in a longer word, not in a short one', () => {
    expect(search('aktualizajci')).toEqual(['pl-yellow']);
    expect(search('prnter')).toEqual(['en-printer']);
    expect(search('biurze')).toEqual(['pl-printer']);
    expect(search('bjurze')).toEqual(['pl-printer']);
    expect(search('bira')).toEqual([]);
  });

  it('needs every meaningful word, ignores stop words, and has no query of stop words only', () => {
    expect(search('printer papieru')).toEqual([]);
    expect(search('the printers')).toEqual(['en-printer']);
    expect(allWordsQuery('the and и w')).toBeNull();
  });

  it('drops lone letters and over-long tokens, keeps numbers', () => {
    expect(termsOfText('a 1042 x ' + 'q'.repeat(60))).toEqual(['1042']);
    expect(termsOfWord('ТИКЕТЫ')).toEqual(termsOfWord('тикеты'));
  });

  it('ranks by shared words for a long text', () => {
    const index = createSearchIndex<Doc>({ fields: ['text'] });
    index.addAll(DOCS);
    const built = anyWordsQuery('Hello, our office printer is not printing anything since Monday');
    expect(index.search(built!.query, built!.options)[0]?.id).toBe('en-printer');
  });
});

describe('snippetOf', () => {
  it('marks the matched words in any of their forms', () => {
    const snippet = snippetOf('Moja drukarka nie działa. Inne drukarki działają.', termsOfWord('drukarkę'));
    const marked = snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end));
    expect(marked).toEqual(['drukarka', 'drukarki']);
  });

  it('starts near the first match in a long text, at a word boundary', () => {
    const text = `${'filler words here '.repeat(40)}the password expired ${'and more text '.repeat(40)}`;
    const snippet = snippetOf(text, termsOfWord('password'), 80);
    expect(snippet.text.startsWith('… ')).toBe(true);
    expect(snippet.text.endsWith(' …')).toBe(true);
    const [range] = snippet.highlights;
    expect(snippet.text.slice(range!.start, range!.end)).toBe('password');
    expect(snippet.text.length).toBeLessThanOrEqual(84);
  });
});

describe('query shapes', () => {
  it('expands only the last word of a search box’s query to longer words, the one still being typed', () => {
    const index = createSearchIndex<{ id: string; text: string }>({ fields: ['text'] });
    index.addAll([
      { id: 'a', text: 'printer toner empty' },
      { id: 'b', text: 'printing toner empty' },
    ]);
    expect(index.search(allWordsQuery('toner prin')!).map((hit) => hit.id).sort()).toEqual(['a', 'b']);
    // "tone" is whole once another word follows it: it no longer stands for "toner".
    expect(index.search(allWordsQuery('tone printer')!)).toEqual([]);
  });

  it('cuts a long text after its n-th meaningful word, stop words not counted', () => {
    expect(leadingWords('The printer on the second floor does not print at all', 3)).toBe('The printer on the second floor');
    expect(leadingWords('short text', 5)).toBe('short text');
  });
});
