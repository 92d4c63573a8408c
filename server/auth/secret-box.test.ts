import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMasterKey, MissingSecretKeyError, SecretBox, SECRET_KEY_FILE } from './secret-box';

const KEY = 'k'.repeat(32);
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-secret-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SecretBox', () => {
  it('opens what it sealed, and seals the same text differently each time', () => {
    const box = new SecretBox(KEY);
    const first = box.seal('JBSWY3DPEHPK3PXPJBSWY3DP', 'totp:a');
    const second = box.seal('JBSWY3DPEHPK3PXPJBSWY3DP', 'totp:a');
    expect(first).not.toBe(second);
    expect(first).not.toContain('JBSWY3DP');
    expect(box.open(first, 'totp:a')).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
    expect(box.open(second, 'totp:a')).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
  });

  it('refuses a tampered ciphertext, tag or iv', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('the secret', 'totp:a');
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      const tampered = parts.map((part, at) => (at === index ? bytes.toString('base64url') : part)).join('.');
      expect(() => box.open(tampered, 'totp:a'), `part ${index}`).toThrow(/wrong key, or tampered/);
    }
    expect(() => box.open('v1.garbage', 'totp:a')).toThrow('not a sealed secret');
  });

  it('refuses a wrong key and a value moved to another context', () => {
    const sealed = new SecretBox(KEY).seal('the secret', 'totp:a');
    expect(() => new SecretBox('x'.repeat(32)).open(sealed, 'totp:a')).toThrow(/wrong key/);
    expect(() => new SecretBox(KEY).open(sealed, 'totp:b')).toThrow(/wrong key/);
  });

  it('refuses a master key shorter than 32 characters', () => {
    expect(() => new SecretBox('short')).toThrow('at least 32 characters');
  });
});

describe('loadMasterKey', () => {
  it('uses TIERDESK_SECRET_KEY when given, writing no file', () => {
    const dataDir = tempDir();
    expect(loadMasterKey({ secretKey: KEY, dataDir, dialect: 'postgres' })).toBe(KEY);
    expect(fs.existsSync(path.join(dataDir, SECRET_KEY_FILE))).toBe(false);
  });

  it('generates secret.key once (mode 0600) on SQLite and reads the same key back', () => {
    const dataDir = tempDir();
    const first = loadMasterKey({ secretKey: null, dataDir, dialect: 'sqlite' });
    const file = path.join(dataDir, SECRET_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadMasterKey({ secretKey: null, dataDir, dialect: 'sqlite' })).toBe(first);
    const sealed = new SecretBox(first).seal('kept across restarts', 'ctx');
    expect(new SecretBox(loadMasterKey({ secretKey: null, dataDir, dialect: 'sqlite' })).open(sealed, 'ctx')).toBe('kept across restarts');
  });

  it('refuses PostgreSQL without TIERDESK_SECRET_KEY, naming the variable', () => {
    expect(() => loadMasterKey({ secretKey: null, dataDir: tempDir(), dialect: 'postgres' })).toThrow(MissingSecretKeyError);
    expect(() => loadMasterKey({ secretKey: null, dataDir: tempDir(), dialect: 'postgres' })).toThrow(/TIERDESK_SECRET_KEY/);
  });
});
