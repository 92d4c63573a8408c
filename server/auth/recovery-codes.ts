import { randomInt } from 'node:crypto';
import { RecoveryCodeSchema } from '../../core';
import { RECOVERY_CODE_COUNT } from '../../core/auth/account';
import { hashSecret } from './tokens';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * Ten one-time codes of 16 characters from a 32-letter alphabet without look-alikes (80 random
 * bits each), shown as xxxx-xxxx-xxxx-xxxx. 80 bits make a plain SHA-256 a safe way to store
 * them: no slow hash is needed against guessing the code from a leaked hash.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const letters = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return letters.match(/.{4}/g)?.join('-') ?? letters;
  });
}

/** The stored form of a code as typed (any case, spaces or dashes); null when it cannot be a code. */
export function recoveryCodeHash(typed: string): string | null {
  const parsed = RecoveryCodeSchema.safeParse(typed);
  return parsed.success ? hashSecret(`recovery:${parsed.data}`) : null;
}
