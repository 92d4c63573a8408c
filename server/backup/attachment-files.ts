import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BackupError } from './backup-error';

/** The data folder's attachment store (see store/blob-store.ts): `attachments/ab/abcdef…`, each file named by its SHA-256. */
export const ATTACHMENTS_FOLDER = 'attachments';
const BLOB_NAME = /^[0-9a-f]{64}$/;

export type AttachmentTally = { files: number; bytes: number };

/**
 * Copies an attachment store (from the data folder into a backup, or from a backup into a
 * restore's staging folder), checking every file against the hash it is named by: a damaged
 * file stops the copy with its name. Files being written (`*.part`) are skipped. No store: 0 files.
 */
export async function copyAttachmentFolder(fromRoot: string, toRoot: string): Promise<AttachmentTally> {
  const from = path.join(fromRoot, ATTACHMENTS_FOLDER);
  const tally: AttachmentTally = { files: 0, bytes: 0 };
  if (!fs.existsSync(from)) return tally;
  const to = path.join(toRoot, ATTACHMENTS_FOLDER);
  fs.mkdirSync(to, { mode: 0o700 });
  for (const prefix of fs.readdirSync(from).sort()) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    fs.mkdirSync(path.join(to, prefix), { mode: 0o700 });
    for (const name of fs.readdirSync(path.join(from, prefix)).sort()) {
      if (!BLOB_NAME.test(name) || !name.startsWith(prefix)) continue;
      const source = path.join(from, prefix, name);
      const target = path.join(to, prefix, name);
      const hash = createHash('sha256');
      const copy = fs.createWriteStream(target, { mode: 0o600 });
      await pipeline(fs.createReadStream(source), async function* (chunks) {
        for await (const chunk of chunks) {
          hash.update(chunk as Buffer);
          yield chunk;
        }
      }, copy);
      if (hash.digest('hex') !== name) throw new BackupError(`the attachment ${source} is damaged: its content does not match its name (sha256)`);
      tally.files += 1;
      tally.bytes += fs.statSync(target).size;
    }
  }
  return tally;
}
