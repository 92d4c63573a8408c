import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_SUGGESTIONS_EN, PASSWORD_WARNINGS_EN, type PasswordSuggestion, type PasswordWarning } from './password-feedback';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PASSWORD_MIN_SCORE } from './password-rules';

/**
 * The one password rule for new and changed passwords, used by the server (new agents, password
 * changes, admin resets) and by the console (the live hint in its forms):
 * - at least PASSWORD_MIN_LENGTH and at most PASSWORD_MAX_LENGTH characters (code points);
 * - a zxcvbn score of at least PASSWORD_MIN_SCORE against the common-password list and keyboard
 *   graphs of @zxcvbn-ts/language-common, with the agent's own email and name counted as guessable.
 *
 * Not exported from core/index.ts: the dictionary is about a megabyte, and the console's main
 * bundle must not carry it (the console loads this module with a dynamic import()).
 */
export type PasswordVerdict =
  | { acceptable: true; score: number }
  | { acceptable: false; problem: 'too_short' | 'too_long'; score: null; warning: null; suggestions: [] }
  | { acceptable: false; problem: 'too_weak'; score: number; warning: PasswordWarning | null; suggestions: PasswordSuggestion[] };

let checker: ZxcvbnFactory | undefined;

/** Built on first use (≈ 0.1 s: it indexes the dictionary), then reused. */
function strengthChecker(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });
  return checker;
}

/**
 * Judges a candidate password. `personal` holds what an attacker knows about its owner (email,
 * name): a password built from them scores as guessable. Pure apart from the cached dictionary;
 * never throws.
 */
export function checkPassword(password: string, personal: readonly string[] = []): PasswordVerdict {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { acceptable: false, problem: 'too_short', score: null, warning: null, suggestions: [] };
  if (length > PASSWORD_MAX_LENGTH) return { acceptable: false, problem: 'too_long', score: null, warning: null, suggestions: [] };
  const result = strengthChecker().check(password, personalWords(personal));
  if (result.score >= PASSWORD_MIN_SCORE) return { acceptable: true, score: result.score };
  return {
    acceptable: false,
    problem: 'too_weak',
    score: result.score,
    warning: isWarning(result.feedback.warning) ? result.feedback.warning : null,
    suggestions: result.feedback.suggestions.filter(isSuggestion),
  };
}

/** The verdict as one English sentence: the server's 400 reason. Empty for an acceptable password. */
export function describePasswordVerdict(verdict: PasswordVerdict): string {
  if (verdict.acceptable) return '';
  if (verdict.problem === 'too_short') return `the password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  if (verdict.problem === 'too_long') return `the password must have at most ${PASSWORD_MAX_LENGTH} characters`;
  const advice = [verdict.warning ? PASSWORD_WARNINGS_EN[verdict.warning] : null, ...verdict.suggestions.map((key) => PASSWORD_SUGGESTIONS_EN[key])].filter(Boolean);
  return `the password is too easy to guess${advice.length ? `: ${advice.join(' ')}` : ''}`;
}

/** An email counts as its whole and its local part's words; a name as its words. */
function personalWords(personal: readonly string[]): string[] {
  const words = new Set<string>();
  for (const text of personal) {
    const value = text.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    const local = value.split('@')[0] ?? '';
    for (const part of [local, ...local.split(/[^\p{L}\p{N}]+/u), ...value.split(/\s+/)]) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

const isWarning = (key: string | null): key is PasswordWarning => key !== null && key in PASSWORD_WARNINGS_EN;
const isSuggestion = (key: string): key is PasswordSuggestion => key in PASSWORD_SUGGESTIONS_EN;
