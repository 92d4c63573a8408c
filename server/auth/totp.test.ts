import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { newTotpSecret, totpUrl, verifyTotp } from './totp';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0); // a step boundary: 30 s divides it
const codeAt = (secret: string, ms: number) => generate({ secret, epoch: Math.floor(ms / 1_000) });

describe('TOTP', () => {
  it('accepts the current code and those of one step before and after, not two', async () => {
    const secret = newTotpSecret();
    const step = T0 / 30_000;
    expect(await verifyTotp(secret, await codeAt(secret, T0), T0 + 5_000, null)).toBe(step);
    expect(await verifyTotp(secret, await codeAt(secret, T0 - 30_000), T0 + 5_000, null)).toBe(step - 1);
    expect(await verifyTotp(secret, await codeAt(secret, T0 + 30_000), T0 + 5_000, null)).toBe(step + 1);
    expect(await verifyTotp(secret, await codeAt(secret, T0 - 60_000), T0 + 5_000, null)).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, T0 + 60_000), T0 + 5_000, null)).toBeNull();
  });

  it('refuses a replayed code, and an older one, once a step was accepted', async () => {
    const secret = newTotpSecret();
    const code = await codeAt(secret, T0);
    const accepted = await verifyTotp(secret, code, T0 + 1_000, null);
    expect(accepted).toBe(T0 / 30_000);
    expect(await verifyTotp(secret, code, T0 + 2_000, accepted)).toBeNull();
    expect(await verifyTotp(secret, await codeAt(secret, T0 - 30_000), T0 + 2_000, accepted)).toBeNull();
    // The next step's code is still good.
    expect(await verifyTotp(secret, await codeAt(secret, T0 + 30_000), T0 + 31_000, accepted)).toBe(T0 / 30_000 + 1);
  });

  it('refuses malformed codes and a code of another secret without throwing', async () => {
    const secret = newTotpSecret();
    for (const code of ['', '12345', '1234567', 'abcdef', '12 456']) expect(await verifyTotp(secret, code, T0, null), code).toBeNull();
    const other = newTotpSecret();
    expect(await verifyTotp(secret, await codeAt(other, T0), T0, null)).toBeNull();
  });

  it('names Tierdesk and the email in the otpauth URL', () => {
    const secret = newTotpSecret();
    const url = totpUrl(secret, 'ada@desk.test');
    expect(url.startsWith('otpauth://totp/Tierdesk:ada%40desk.test?')).toBe(true);
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    expect(query.get('secret')).toBe(secret);
    expect(query.get('issuer')).toBe('Tierdesk');
  });
});
