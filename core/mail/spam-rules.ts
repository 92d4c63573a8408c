import { z } from 'zod';
import type { HeaderLookup } from './automatic-mail';

/**
 * The desk's spam rules, set by admins: addresses and domains always let through (allow) or always
 * held (block), and the score from which a mail is held as suspected spam. Entries are an
 * address (`anna@example.com`) or a domain (`example.com`, which also covers its subdomains).
 */
const EntrySchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(254)
  .regex(/^([^@\s]+@)?[a-z0-9.-]+\.[a-z0-9-]{2,}$/, 'an address (name@example.com) or a domain (example.com)');
export const SpamRulesSchema = z
  .object({
    allow: z.array(EntrySchema).max(1_000),
    block: z.array(EntrySchema).max(1_000),
    threshold: z.number().min(1).max(100),
  })
  .strict();
export type SpamRules = z.infer<typeof SpamRulesSchema>;
export const DEFAULT_SPAM_RULES: SpamRules = { allow: [], block: [], threshold: 5 };

/** What the rules look at in one mail. */
export type SpamInput = { header: HeaderLookup; from: string; fromName: string; subject: string; text: string; hasHtml: boolean };
export const SPAM_REASON_CODES = [
  'allow_list',
  'block_list',
  'upstream_filter',
  'authentication_failed',
  'junk_words',
  'subject_capitals',
  'subject_shouts',
  'name_shows_address',
  'many_links',
  'html_without_text',
  'rspamd',
] as const;
export type SpamReasonCode = (typeof SPAM_REASON_CODES)[number];
/** Why a mail scored what it did: a code each console words in its language, the points, and what matched. */
export type SpamReason = { code: SpamReasonCode; points: number; detail?: string };
export type SpamVerdict = { spam: boolean; score: number; reasons: SpamReason[] };

/** Words of the usual junk in the desk's three languages, matched as whole words, case-insensitively. */
const JUNK_WORDS = /(?<![\p{L}\d])(viagra|cialis|casino|lottery|jackpot|you have won|bitcoin investment|crypto profit|earn money fast|work from home|казино|выигрыш|вы выиграли|заработок без вложений|виагра|kasyno|wygrałeś|wygrana|szybki zarobek)(?![\p{L}\d])/giu;

/** Whether an entry names this address: the address itself, its domain, or a parent domain. */
export function listNames(entries: readonly string[], address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return entries.some((entry) => (entry.includes('@') ? entry === address : domain === entry || domain.endsWith(`.${entry}`)));
}

/**
 * Scores a mail from its headers and content and decides with the admins' lists: a listed
 * allowed sender is never spam, a blocked one always; otherwise the score decides. Points: an
 * upstream filter's verdict (X-Spam-Flag / X-Spam-Status: yes) 10; a failed SPF, DKIM or DMARC in
 * Authentication-Results 3 each; each junk word 2 (at most 6); a subject in capitals 1.5; three or
 * more "!" or "$" in the subject 1; a display name that shows another address 2; more than 15
 * links 1; HTML without a text part 0.5. `extra` is a score from outside (rspamd), added as is.
 */
export function spamVerdict(input: SpamInput, rules: SpamRules, extra?: { score: number; detail: string }): SpamVerdict {
  const address = input.from.toLowerCase();
  if (listNames(rules.allow, address)) return { spam: false, score: 0, reasons: [{ code: 'allow_list', points: 0 }] };
  if (listNames(rules.block, address)) return { spam: true, score: rules.threshold, reasons: [{ code: 'block_list', points: rules.threshold }] };
  const reasons: SpamReason[] = [];
  let score = 0;
  const add = (points: number, code: SpamReasonCode, detail?: string) => {
    score += points;
    reasons.push({ code, points, ...(detail ? { detail } : {}) });
  };
  if (/^\s*yes/i.test(input.header('x-spam-flag') ?? '') || /^\s*yes/i.test(input.header('x-spam-status') ?? '')) add(10, 'upstream_filter');
  const authentication = (input.header('authentication-results') ?? '').toLowerCase();
  for (const method of ['spf', 'dkim', 'dmarc']) if (new RegExp(`\\b${method}=(fail|softfail)`).test(authentication)) add(3, 'authentication_failed', method.toUpperCase());
  const junk = new Set([...`${input.subject} ${input.text}`.matchAll(JUNK_WORDS)].map((match) => match[1]!.toLowerCase()));
  if (junk.size > 0) add(Math.min(6, 2 * junk.size), 'junk_words', [...junk].slice(0, 3).join(', '));
  const letters = input.subject.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 8 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) add(1.5, 'subject_capitals');
  if ((input.subject.match(/[!$]/g) ?? []).length >= 3) add(1, 'subject_shouts');
  const shown = /[^\s<>@]+@[^\s<>@]+\.[a-z]{2,}/i.exec(input.fromName)?.[0]?.toLowerCase();
  if (shown && shown !== address) add(2, 'name_shows_address', shown);
  if ((input.text.match(/https?:\/\//g) ?? []).length > 15) add(1, 'many_links');
  if (input.hasHtml && input.text.trim() === '') add(0.5, 'html_without_text');
  if (extra) add(Math.round(extra.score * 10) / 10, 'rspamd', extra.detail);
  return { spam: score >= rules.threshold, score, reasons };
}
