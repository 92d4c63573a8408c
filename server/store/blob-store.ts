import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from './schema';

/**
 * Attachment bytes, kept outside the rows that name them and addressed by their SHA-256: the same
 * file sent twice is stored once, and a write that failed after storing its bytes leaves at most
 * an unreferenced blob, never a reference without bytes. `put` is durable when it resolves.
 */
export type BlobStore = {
  put(bytes: Buffer): Promise<string>;
  get(sha256: string): Promise<Buffer | null>;
};

const SHA256 = /^[0-9a-f]{64}$/;
export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The embedded store: `<data dir>/attachments/ab/abcdef…`, written to a temporary name, synced, then renamed. */
export function fileBlobStore(dataDir: string): BlobStore {
  const root = path.join(dataDir, 'attachments');
  const fileOf = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const target = fileOf(sha256);
      const exists = await fs.stat(target).then(
        (stat) => stat.size === bytes.length,
        () => false,
      );
      if (exists) return sha256;
      await fs.mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.part`;
      const handle = await fs.open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, target);
      return sha256;
    },
    async get(sha256) {
      if (!SHA256.test(sha256)) return null;
      return fs.readFile(fileOf(sha256)).catch(() => null);
    },
  };
}

/** Scale-out: the bytes in PostgreSQL (`attachment_blobs`), which every server process reads. */
export function databaseBlobStore(db: Kysely<DatabaseSchema>): BlobStore {
  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      await db.insertInto('attachment_blobs').values({ sha256, content: bytes }).onConflict((conflict) => conflict.column('sha256').doNothing()).execute();
      return sha256;
    },
    async get(sha256) {
      if (!SHA256.test(sha256)) return null;
      const row = await db.selectFrom('attachment_blobs').select('content').where('sha256', '=', sha256).executeTakeFirst();
      return row ? Buffer.from(row.content) : null;
    },
  };
}
