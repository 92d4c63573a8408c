import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { BackupError } from './backup-error';
import { SECRET_KEY_FILE } from '../auth/secret-box';

/**
 * A backup is a folder (README "Backups"):
 *   tierdesk-backup-2025-01-31T14-05-09Z/
 *     manifest.json     what this is, what it holds, the sha256 of every other file
 *     tierdesk.sqlite   a consistent copy of the database (SQLite online backup), a single file
 *     secret.key        the data folder's master key for encrypted secrets, when it had one
 *     attachments/      the attachment store, each file named by its sha256 (counted in the manifest)
 * A folder, not an archive: it can be inspected and opened with standard tools as it is, and
 * moved with any of them (`tar`, `rsync`, `cp -r`).
 */
export const BACKUP_FORMAT = 'tierdesk-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
const MAX_MANIFEST_BYTES = 1_048_576;
export const DATABASE_FILE = 'tierdesk.sqlite';
/** The master key the server generates into its data folder when TIERDESK_SECRET_KEY is not set (named in one place: secret-box). */
export { SECRET_KEY_FILE };

const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lowercase hex');
const CountSchema = z.number().int().min(0);

const BackupFileSchema = z.object({
  // Only these names: a manifest can never point a restore outside the backup folder.
  name: z.enum([DATABASE_FILE, SECRET_KEY_FILE]),
  bytes: CountSchema,
  sha256: Sha256Schema,
});

export const BackupManifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    formatVersion: z.literal(BACKUP_FORMAT_VERSION),
    createdAt: z.iso.datetime(),
    tierdeskVersion: z.string().min(1).max(40),
    source: z.object({ dataDir: z.string().max(4_096), hostname: z.string().max(255) }),
    database: z.object({
      dialect: z.literal('sqlite'),
      migrations: z.array(z.string().min(1).max(200)).max(10_000),
      counts: z.object({ tickets: CountSchema, messages: CountSchema, agents: CountSchema }),
      highestTicketNumber: CountSchema,
    }),
    /** Whether the server took its master key from TIERDESK_SECRET_KEY: then it is not in the backup. */
    secretKeyFromEnvironment: z.boolean(),
    files: z.array(BackupFileSchema).min(1).max(2),
    /** The attachment store's files and bytes (absent in backups from before attachments: none). */
    attachments: z.object({ files: CountSchema, bytes: CountSchema }).optional(),
  })
  .superRefine((manifest, ctx) => {
    const names = manifest.files.map((file) => file.name);
    if (!names.includes(DATABASE_FILE)) ctx.addIssue({ code: 'custom', path: ['files'], message: `lists no ${DATABASE_FILE}` });
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['files'], message: 'lists a file twice' });
  });
export type BackupManifest = z.infer<typeof BackupManifestSchema>;
export type BackupFile = z.infer<typeof BackupFileSchema>;

/** sha256 and size of a file, read as a stream (a database can be large). */
export async function describeFile(folder: string, name: BackupFile['name']): Promise<BackupFile> {
  const file = path.join(folder, name);
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return { name, bytes: fs.statSync(file).size, sha256: hash.digest('hex') };
}

/**
 * Reads and checks a backup folder's manifest. Fails with a BackupError naming the problem: no
 * such path, not a Tierdesk backup, a format from a newer Tierdesk.
 */
export function readManifest(backupFolder: string): BackupManifest {
  const file = path.join(backupFolder, MANIFEST_FILE);
  let text: string;
  try {
    // Ours are about 1 KB: anything this large is something else, and is not read into memory.
    if (fs.statSync(file).size > MAX_MANIFEST_BYTES) throw new BackupError(`not a Tierdesk backup: ${file} is larger than ${MAX_MANIFEST_BYTES} bytes`);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`not a Tierdesk backup: ${backupFolder} has no readable ${MANIFEST_FILE}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`not a Tierdesk backup: ${file} is not JSON`);
  }
  const header = z.object({ format: z.literal(BACKUP_FORMAT), formatVersion: z.number().int().positive() }).safeParse(json);
  if (!header.success) throw new BackupError(`not a Tierdesk backup: ${file} does not say "format": "${BACKUP_FORMAT}" with a formatVersion`);
  if (header.data.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `this backup was made by a newer Tierdesk (backup format ${header.data.formatVersion}; this version reads format ${BACKUP_FORMAT_VERSION}): upgrade Tierdesk, then restore`,
    );
  }
  const parsed = BackupManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'manifest'}: ${issue.message}`);
    throw new BackupError(`not a valid Tierdesk backup manifest (${file}): ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Every file the manifest lists is there with its size and sha256; otherwise the backup is damaged. */
export async function verifyFiles(folder: string, files: readonly BackupFile[]): Promise<void> {
  for (const expected of files) {
    if (!fs.existsSync(path.join(folder, expected.name))) {
      throw new BackupError(`the backup is incomplete: ${expected.name}, listed in ${MANIFEST_FILE}, is missing from ${folder}`);
    }
    const found = await describeFile(folder, expected.name);
    if (found.bytes !== expected.bytes || found.sha256 !== expected.sha256) {
      throw new BackupError(
        `the backup is damaged: ${path.join(folder, expected.name)} does not match its checksum in ${MANIFEST_FILE} ` +
          `(expected ${expected.bytes} bytes, sha256 ${expected.sha256}; found ${found.bytes} bytes, sha256 ${found.sha256})`,
      );
    }
  }
}

/** A name that sorts by time and is valid on every file system: 2025-01-31T14-05-09Z. */
export const timestampForName = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
