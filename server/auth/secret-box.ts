import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The file of the generated master key in the data folder (the backup must include it). */
export const SECRET_KEY_FILE = 'secret.key';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets the server must read again (TOTP seeds; later mailbox passwords) with AES-256-GCM
 * under a key derived (HKDF-SHA256) from the master key. Each sealed value is bound to a
 * `context` (e.g. "totp:<agent id>") as additional authenticated data, so a value copied onto
 * another agent's row does not open. `open` throws on a wrong key, a wrong context or any
 * tampering: GCM authenticates before anything is returned.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterKey: string) {
    if (masterKey.length < 32) throw new Error('the master key must have at least 32 characters');
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(masterKey, 'utf8'), Buffer.from('tierdesk'), Buffer.from('secret-box v1'), 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts: text that fits any column. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, ivText, tagText, ciphertextText, ...rest] = sealed.split('.');
    if (version !== VERSION || ivText === undefined || tagText === undefined || ciphertextText === undefined || rest.length > 0) {
      throw new Error('not a sealed secret');
    }
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('the sealed secret does not open with this key (wrong key, or tampered)');
    }
  }
}

/** Why no master key is available: in scale-out mode every process must be given the same one. */
export class MissingSecretKeyError extends Error {
  override readonly name = 'MissingSecretKeyError';
  constructor() {
    super('set TIERDESK_SECRET_KEY (the same value on every server process) to use two-factor sign-in with PostgreSQL');
  }
}

/**
 * The master key: TIERDESK_SECRET_KEY when set; otherwise, on the embedded SQLite store, a random
 * key generated once into `<dataDir>/secret.key` (mode 0600) and read back on every start.
 * PostgreSQL without TIERDESK_SECRET_KEY gets MissingSecretKeyError: a key file on one machine
 * would leave the other processes unable to open what it sealed.
 */
export function loadMasterKey(options: { secretKey: string | null; dataDir: string; dialect: 'sqlite' | 'postgres' }): string {
  if (options.secretKey) return options.secretKey;
  if (options.dialect === 'postgres') throw new MissingSecretKeyError();
  const file = path.join(options.dataDir, SECRET_KEY_FILE);
  fs.mkdirSync(options.dataDir, { recursive: true });
  try {
    // 'wx': only the first creator writes; a second one (another start at the same moment) reads it.
    fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`${file} does not hold a key of at least 32 characters: restore it from the backup`);
  return key;
}

/** Opens the SecretBox on first use and keeps it; a missing key is reported on each use until configured. */
export function lazySecretBox(load: () => string): () => SecretBox {
  let box: SecretBox | undefined;
  return () => (box ??= new SecretBox(load()));
}
