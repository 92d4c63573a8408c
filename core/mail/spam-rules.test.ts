import { describe, expect, it } from 'vitest';
import { DEFAULT_SPAM_RULES, listNames, spamVerdict, SpamRulesSchema, type SpamInput } from './spam-rules';

const mail = (overrides: Partial<SpamInput> & { headers?: Record<string, string> } = {}): SpamInput => ({
  header: (name) => overrides.headers?.[name],
  from: 'anna@customer.test',
  fromName: 'Anna',
  subject: 'Printer on floor 3',
  text: 'It jams on every second page.',
  hasHtml: false,
  ...overrides,
});

describe('spam rules', () => {
  it('lets an ordinary customer mail through with no points', () => {
    expect(spamVerdict(mail(), DEFAULT_SPAM_RULES)).toEqual({ spam: false, score: 0, reasons: [] });
  });

  it('adds up what junk looks like, in the three languages', () => {
    const verdict = spamVerdict(mail({ subject: 'YOU HAVE WON THE LOTTERY!!!', text: 'Казино и выигрыш, kasyno!', fromName: 'paypal@secure.test' }), DEFAULT_SPAM_RULES);
    expect(verdict.spam).toBe(true);
    expect(verdict.score).toBe(6 + 1.5 + 1 + 2);
    expect(verdict.reasons).toContainEqual({ code: 'junk_words', points: 6, detail: expect.stringContaining('lottery') });
  });

  it('believes an upstream filter and failed sender authentication', () => {
    expect(spamVerdict(mail({ headers: { 'x-spam-flag': 'YES' } }), DEFAULT_SPAM_RULES)).toMatchObject({ spam: true, score: 10 });
    expect(spamVerdict(mail({ headers: { 'authentication-results': 'mx.test; spf=fail smtp.mailfrom=x; dkim=fail; dmarc=pass' } }), DEFAULT_SPAM_RULES)).toMatchObject({ spam: true, score: 6 });
  });

  it('lets the lists decide first: allowed never spam, blocked always', () => {
    const rules = { ...DEFAULT_SPAM_RULES, allow: ['customer.test'], block: ['mallory@evil.test', 'junk.test'] };
    expect(spamVerdict(mail({ headers: { 'x-spam-flag': 'YES' } }), rules).spam).toBe(false);
    expect(spamVerdict(mail({ from: 'mallory@evil.test' }), rules).spam).toBe(true);
    expect(spamVerdict(mail({ from: 'x@mail.junk.test' }), rules).spam).toBe(true);
    expect(listNames(['junk.test'], 'x@notjunk.test')).toBe(false);
  });

  it('adds an outside score (rspamd) as it is', () => {
    expect(spamVerdict(mail(), DEFAULT_SPAM_RULES, { score: 7.25, detail: 'reject' })).toMatchObject({ spam: true, score: 7.3 });
  });

  it('refuses lists that are not addresses or domains', () => {
    expect(SpamRulesSchema.safeParse({ allow: ['not a domain'], block: [], threshold: 5 }).success).toBe(false);
    expect(SpamRulesSchema.safeParse({ allow: ['Example.COM', 'a@b.example'], block: [], threshold: 5 }).data?.allow).toEqual(['example.com', 'a@b.example']);
  });
});
