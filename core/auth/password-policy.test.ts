import { describe, expect, it } from 'vitest';
import { checkPassword, describePasswordVerdict } from './password-policy';

describe('password policy', () => {
  it('refuses fewer than 12 characters, counting characters rather than UTF-16 units', () => {
    expect(checkPassword('password')).toMatchObject({ acceptable: false, problem: 'too_short' });
    expect(checkPassword(' '.repeat(8))).toMatchObject({ acceptable: false, problem: 'too_short' });
    // Eleven emoji are 22 UTF-16 units but still eleven characters.
    expect(checkPassword('🦊'.repeat(11))).toMatchObject({ acceptable: false, problem: 'too_short' });
    expect(describePasswordVerdict(checkPassword('short'))).toBe('the password must have at least 12 characters');
  });

  it('refuses more than 128 characters', () => {
    const verdict = checkPassword('blue-pigeon-lantern-'.repeat(7));
    expect(verdict).toMatchObject({ acceptable: false, problem: 'too_long' });
    expect(describePasswordVerdict(verdict)).toBe('the password must have at most 128 characters');
    expect(checkPassword('x7Qp!'.repeat(25) + 'abc').acceptable).toBe(true);
  });

  it('refuses long but common or patterned passwords with the library feedback as the reason', () => {
    const spaces = checkPassword(' '.repeat(12));
    expect(spaces).toMatchObject({ acceptable: false, problem: 'too_weak', warning: 'simpleRepeat' });
    expect(checkPassword('password1234')).toMatchObject({ acceptable: false, problem: 'too_weak', warning: 'similarToCommon' });
    expect(checkPassword('qwertyuiop12')).toMatchObject({ acceptable: false, problem: 'too_weak' });
    expect(checkPassword('1234567890123')).toMatchObject({ acceptable: false, problem: 'too_weak' });
    expect(describePasswordVerdict(checkPassword('password1234'))).toBe(
      'the password is too easy to guess: This is similar to a commonly used password. Add more words that are less common.',
    );
  });

  it('accepts long uncommon passphrases', () => {
    for (const password of ['blue-pigeon-lantern-7', 'correct horse battery', 'agent-password-1', 'Tr0ub4dor&3xx']) {
      expect(checkPassword(password), password).toMatchObject({ acceptable: true });
      expect(describePasswordVerdict(checkPassword(password))).toBe('');
    }
  });

  it("counts the owner's email and name as guessable", () => {
    const personal = ['pawel.kowalski@example.com', 'Pawel Kowalski'];
    for (const password of ['pawel.kowalski', 'kowalskipawel', 'kowalski2024!']) {
      expect(checkPassword(password).acceptable, password).toBe(true);
      expect(checkPassword(password, personal), password).toMatchObject({ acceptable: false, problem: 'too_weak', warning: 'userInputs' });
    }
  });
});
