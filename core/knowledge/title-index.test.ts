import { describe, expect, it } from 'vitest';
import { termsOfText } from '../search';
import { TitleIndex } from './title-index';

describe('title index', () => {
  it('finds the titles a request shares words with, most of the title said first, and forgets removed ones', () => {
    const titles = new TitleIndex();
    titles.set({ id: 'printer', title: 'The printer does not print' });
    titles.set({ id: 'toner', title: 'Replacing the printer toner cartridge' });
    titles.set({ id: 'mail', title: 'Email does not sync on the phone' });
    const request = new Set(termsOfText('Our printer stopped printing, does the toner need replacing?'));
    expect(titles.candidates(request, 3).map((match) => [match.articleId, match.shared, match.titleWords])).toEqual([
      ['printer', 2, 2],
      ['toner', 3, 4],
    ]);
    titles.delete('printer');
    titles.set({ id: 'toner', title: 'Toner' });
    expect(titles.candidates(request, 3).map((match) => match.articleId)).toEqual(['toner']);
    expect(titles.size).toBe(2);
  });
});
