import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 as authenticator apps expect it: SHA-1, six digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = 'Tierdesk';

/** A new base32 secret of 20 random bytes (160 bits, the RFC 4226 recommendation). */
export const newTotpSecret = (): string => generateSecret({ length: 20 });

/** The otpauth:// URL an authenticator app reads from the QR code: issuer Tierdesk, the agent's email as label. */
export const totpUrl = (secret: string, email: string): string => generateURI({ issuer: TOTP_ISSUER, label: email, secret });

/**
 * Checks a code at `nowMs` with one step of clock drift either way (±30 s). `afterStep` is the
 * last step already accepted for this secret: a code of that step or an earlier one is refused,
 * so a code seen once (shoulder-surfed, replayed) does not work again within its window.
 * Resolves with the matched step to record, or null. Never throws for a malformed code.
 */
export async function verifyTotp(secret: string, code: string, nowMs: number, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1_000),
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}
