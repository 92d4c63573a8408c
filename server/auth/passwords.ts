import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (the library's default algorithm; a unit test pins it) with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane): strong enough for
 * people's passwords, cheap enough that a 2-core server signs in a team without queueing.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the email is unknown, so that the answer takes as long as for a
 * known email and does not tell attackers which addresses have accounts.
 */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> => (decoyHash ??= hashPassword('decoy-password-never-matches'));
