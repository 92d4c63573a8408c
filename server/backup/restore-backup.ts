import fs from 'node:fs';
import path from 'node:path';
import { DATA_FOLDER_LOCK_FILE, dataFolderUse, type DataFolderOwner } from '../store/data-folder-lock';
import { BackupError } from './backup-error';
import { DATABASE_FILE, MANIFEST_FILE, readManifest, timestampForName, verifyFiles, type BackupManifest } from './backup-manifest';
import { isInside } from './paths';
import { inspectDatabaseCopy, requireKnownMigrations, type DatabaseFacts } from './sqlite-copy';
import { moveAside, placeStagedFiles, REPLACED_PREFIX } from './swap-files';
import { ATTACHMENTS_FOLDER, copyAttachmentFolder } from './attachment-files';

export type RestoreOptions = { backupPath: string; dataDir: string; force: boolean; now: Date };

export type RestoredBackup = {
  manifest: BackupManifest;
  facts: DatabaseFacts;
  dataDir: string;
  /** Where the files that were in the data folder before now are (only with force). */
  replacedFolder: string | null;
  /** A marker left by a server that ended without closing the database (replaced like the rest). */
  staleOwner: DataFolderOwner | null;
};

/**
 * Restores a backup folder into a data folder. Everything is checked before anything changes:
 * the manifest, each file's sha256, that the database copy opens, passes integrity_check and has
 * no schema newer than this version's, that no server has the data folder open, and that the
 * folder is empty (or `force`). With force the files that were there are moved, never deleted,
 * into `replaced-<time>/` inside it. Fails with a BackupError and leaves everything as it was.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoredBackup> {
  const backupFolder = locateBackup(path.resolve(options.backupPath));
  const manifest = readManifest(backupFolder);
  await verifyFiles(backupFolder, manifest.files);

  const dataDir = path.resolve(options.dataDir);
  if (isInside(dataDir, backupFolder) || isInside(backupFolder, dataDir)) {
    throw new BackupError(`restore into a folder apart from the backup: ${dataDir} and ${backupFolder} overlap`);
  }
  const target = inspectTarget(dataDir, options.force);

  // The copy is checked again where it will live: same file system, so the final step is a rename.
  const createdFolder = target.exists ? undefined : fs.mkdirSync(dataDir, { recursive: true });
  let staging: string | null = null;
  try {
    staging = fs.mkdtempSync(path.join(dataDir, '.restore-'));
    for (const file of manifest.files) fs.copyFileSync(path.join(backupFolder, file.name), path.join(staging, file.name));
    await verifyFiles(staging, manifest.files);
    const attachments = await copyAttachmentFolder(backupFolder, staging);
    const expected = manifest.attachments ?? { files: 0, bytes: 0 };
    if (attachments.files !== expected.files || attachments.bytes !== expected.bytes) {
      throw new BackupError(`the backup is damaged: ${MANIFEST_FILE} lists ${expected.files} attachments (${expected.bytes} bytes), the folder holds ${attachments.files} (${attachments.bytes} bytes)`);
    }
    const facts = inspectDatabaseCopy(path.join(staging, DATABASE_FILE), path.join(backupFolder, DATABASE_FILE));
    requireKnownMigrations(facts.migrations);
    if (facts.migrations.join() !== manifest.database.migrations.join()) {
      throw new BackupError(`the backup is damaged: the database's migrations differ from those in ${MANIFEST_FILE}`);
    }

    const replacedFolder = target.entries.length > 0 ? moveAside(dataDir, target.entries, timestampForName(options.now)) : null;
    const staged = [...manifest.files.map((file) => file.name), ...(attachments.files > 0 ? [ATTACHMENTS_FOLDER] : [])];
    placeStagedFiles(staging, dataDir, staged, replacedFolder);
    // Restored: nothing may undo it now. An empty staging folder that cannot go harms nothing.
    try {
      fs.rmdirSync(staging);
    } catch {
      // left in place
    }
    return { manifest, facts, dataDir, replacedFolder, staleOwner: target.staleOwner };
  } catch (error) {
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
    if (createdFolder) fs.rmSync(createdFolder, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the restore failed and nothing was changed: ${(error as Error).message}`);
  }
}

/** A backup is named by its folder, or by the manifest.json in it. */
function locateBackup(given: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(given);
  } catch {
    throw new BackupError(`there is no backup at ${given}`);
  }
  if (stat.isDirectory()) return given;
  if (path.basename(given) === MANIFEST_FILE) return path.dirname(given);
  throw new BackupError(`${given} is a file, not a Tierdesk backup: give the backup folder (the one holding ${MANIFEST_FILE})`);
}

type Target = { exists: boolean; entries: string[]; staleOwner: DataFolderOwner | null };

function inspectTarget(dataDir: string, force: boolean): Target {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dataDir);
  } catch {
    return { exists: false, entries: [], staleOwner: null };
  }
  if (!stat.isDirectory()) throw new BackupError(`the data folder ${dataDir} is a file`);

  const use = dataFolderUse(dataDir);
  if (use.state === 'in_use' && use.sameHost) {
    throw new BackupError(
      `a Tierdesk server (pid ${use.owner.pid}, started ${use.owner.startedAt}) has ${dataDir} open: stop it, then restore ` +
        `(if pid ${use.owner.pid} is no Tierdesk server, delete ${path.join(dataDir, DATA_FOLDER_LOCK_FILE)})`,
    );
  }
  if (use.state === 'in_use') {
    throw new BackupError(
      `a Tierdesk server on host ${use.owner.hostname} (pid ${use.owner.pid}) has ${dataDir} open, or ended without closing it: ` +
        `stop it, then restore; if no server runs there, delete ${path.join(dataDir, DATA_FOLDER_LOCK_FILE)}`,
    );
  }
  if (use.state === 'unreadable') {
    throw new BackupError(`cannot tell whether a server has ${dataDir} open (${DATA_FOLDER_LOCK_FILE}: ${use.reason}): if none does, delete that file, then restore`);
  }

  // Earlier replaced files stay where they are; everything else would be replaced.
  const entries = fs.readdirSync(dataDir).filter((name) => !name.startsWith(REPLACED_PREFIX));
  if (entries.length > 0 && !force) {
    const what = entries.includes(DATABASE_FILE) ? 'already holds a Tierdesk database' : `is not empty (${entries.slice(0, 5).join(', ')})`;
    throw new BackupError(
      `${dataDir} ${what}: restore into an empty or new folder, or pass --force to replace it (what is there now is kept in ${path.join(dataDir, `${REPLACED_PREFIX}<time>`)})`,
    );
  }
  return { exists: true, entries, staleOwner: use.state === 'stale' ? use.owner : null };
}
