import { describe, expect, it } from 'vitest';
import { termsOfText } from '../search';
import { decideOffer, DEFAULT_SELF_SERVICE, SelfServiceSettingsSchema, titleMatch } from './self-service';

const printer = { id: 'p', title: 'Drukarka nie drukuje' };
const password = { id: 'w', title: 'Как сбросить забытый пароль' };

describe('self-service offers', () => {
  it('measures how much of a title a request says, in any form of its words, stop words aside', () => {
    expect(titleMatch(printer, new Set(termsOfText('Nasza drukarka znowu nie drukuje')))).toEqual({ articleId: 'p', titleWords: 2, shared: 2, coverage: 1 });
    expect(titleMatch(password, new Set(termsOfText('Не могу войти: как сбросить пароль?')))).toMatchObject({ titleWords: 3, shared: 2 });
  });

  it('offers the first strong candidate, and says why it offers none', () => {
    expect(decideOffer([password, printer], 'Drukarki nie drukują', DEFAULT_SELF_SERVICE)).toMatchObject({ offered: 'p', reason: 'offered' });
    expect(decideOffer([printer], 'Mój laptop nie działa, drukuje źle', DEFAULT_SELF_SERVICE)).toMatchObject({ offered: null, reason: 'below_threshold' });
    expect(decideOffer([], 'anything', DEFAULT_SELF_SERVICE)).toMatchObject({ offered: null, reason: 'no_candidate' });
    expect(decideOffer([printer], 'Drukarka nie drukuje', { ...DEFAULT_SELF_SERVICE, enabled: false })).toMatchObject({ offered: null, reason: 'disabled', candidates: [] });
  });

  it('takes only sensible thresholds', () => {
    expect(SelfServiceSettingsSchema.safeParse({ enabled: true, minTitleCoverage: 0.1, minSharedWords: 2 }).success).toBe(false);
    expect(SelfServiceSettingsSchema.safeParse({ enabled: true, minTitleCoverage: 0.5, minSharedWords: 0 }).success).toBe(false);
    expect(SelfServiceSettingsSchema.safeParse({ ...DEFAULT_SELF_SERVICE, extra: 1 }).success).toBe(false);
  });
});
