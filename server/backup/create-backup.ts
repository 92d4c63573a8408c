import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BackupError } from './backup-error';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATABASE_FILE,
  MANIFEST_FILE,
  SECRET_KEY_FILE,
  describeFile,
  timestampForName,
  type BackupFile,
  type BackupManifest,
} from './backup-manifest';
import { copyAttachmentFolder } from './attachment-files';
import { copyLiveDatabase, inspectDatabaseCopy } from './sqlite-copy';
import { isInside } from './paths';
import { tierdeskVersion } from './tierdesk-version';

export type CreateBackupOptions = {
  dataDir: string;
  /** An existing folder to put the new backup folder in, or the path the backup folder gets; null: in `defaultParent`. */
  out: string | null;
  /** Where backups go without `out` (created when missing). */
  defaultParent: string;
  /** Whether the server reads its master key from TIERDESK_SECRET_KEY (then no key file is expected). */
  secretKeyFromEnvironment: boolean;
  now: Date;
};

export type CreatedBackup = { folder: string; manifest: BackupManifest };

/**
 * Writes a backup folder (see backup-manifest.ts) of the data folder, safe while a server runs.
 * It appears complete or not at all: written under a temporary name beside its final place and
 * renamed when done; on any failure the temporary folder is removed and nothing else changed.
 */
export async function createBackup(options: CreateBackupOptions): Promise<CreatedBackup> {
  const dataDir = path.resolve(options.dataDir);
  const sourceFile = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(sourceFile)) {
    throw new BackupError(`there is no Tierdesk database at ${sourceFile}: check TIERDESK_DATA_DIR or --data-dir`);
  }
  const folder = backupFolderPath(options, options.now);
  if (isInside(folder, dataDir)) {
    throw new BackupError(`put backups outside the data folder (${dataDir}): a backup kept beside the database is lost with it`);
  }
  if (fs.existsSync(folder)) throw new BackupError(`${folder} already exists: a backup never overwrites anything`);

  const createdParent = fs.mkdirSync(path.dirname(folder), { recursive: true });
  const partial = `${folder}.partial-${randomBytes(4).toString('hex')}`;
  // The copy holds password hashes and the master key: only its owner may read it.
  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    await copyLiveDatabase(sourceFile, path.join(partial, DATABASE_FILE));
    fs.chmodSync(path.join(partial, DATABASE_FILE), 0o600);
    const facts = inspectDatabaseCopy(path.join(partial, DATABASE_FILE), `the copy of ${sourceFile}`);
    const files: BackupFile[] = [await describeFile(partial, DATABASE_FILE)];
    if (fs.existsSync(path.join(dataDir, SECRET_KEY_FILE))) {
      fs.copyFileSync(path.join(dataDir, SECRET_KEY_FILE), path.join(partial, SECRET_KEY_FILE));
      fs.chmodSync(path.join(partial, SECRET_KEY_FILE), 0o600);
      files.push(await describeFile(partial, SECRET_KEY_FILE));
    }
    // After the database copy: every file a copied row names was stored before its row committed.
    const attachments = await copyAttachmentFolder(dataDir, partial);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: options.now.toISOString(),
      tierdeskVersion: tierdeskVersion(),
      source: { dataDir, hostname: os.hostname() },
      database: { dialect: 'sqlite', ...facts },
      secretKeyFromEnvironment: options.secretKeyFromEnvironment,
      files,
      attachments,
    };
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    // rename does not replace a non-empty folder, so a backup that appeared meanwhile is kept.
    fs.renameSync(partial, folder);
    return { folder, manifest };
  } catch (error) {
    fs.rmSync(createdParent ?? partial, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup failed, nothing was written: ${(error as Error).message}`);
  }
}

function backupFolderPath({ out, defaultParent }: Pick<CreateBackupOptions, 'out' | 'defaultParent'>, now: Date): string {
  const name = `tierdesk-backup-${timestampForName(now)}`;
  if (out === null) return path.resolve(defaultParent, name);
  const target = path.resolve(out);
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return target;
  if (!stat.isDirectory()) throw new BackupError(`--out ${target} is a file: give a folder to put the backup in, or a path that does not exist yet`);
  return path.join(target, name);
}
