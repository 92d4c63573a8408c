import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Files a restore replaced are kept in `<data folder>/replaced-<time>/`. */
export const REPLACED_PREFIX = 'replaced-';

/**
 * Moves `entries` of `dataDir` into a new `replaced-<stamp>` folder inside it (a rename: the same
 * file system, nothing copied, nothing deleted). The database moves with its -wal and -shm, which
 * belong to it: left beside a restored database they would be replayed into it. If a move fails,
 * the entries already moved are put back before the error is thrown.
 */
export function moveAside(dataDir: string, entries: readonly string[], stamp: string): string {
  let folder = path.join(dataDir, `${REPLACED_PREFIX}${stamp}`);
  if (fs.existsSync(folder)) folder = `${folder}-${randomBytes(3).toString('hex')}`;
  fs.mkdirSync(folder, { mode: 0o700 });
  const moved: string[] = [];
  try {
    for (const name of entries) {
      fs.renameSync(path.join(dataDir, name), path.join(folder, name));
      moved.push(name);
    }
  } catch (error) {
    putBack(dataDir, folder, moved);
    throw error;
  }
  return folder;
}

/**
 * Renames the staged files into the data folder. If one fails, the ones placed go back to the
 * staging folder and the replaced entries (if any) return from `replacedFolder`.
 */
export function placeStagedFiles(staging: string, dataDir: string, names: readonly string[], replacedFolder: string | null): void {
  const placed: string[] = [];
  try {
    for (const name of names) {
      fs.renameSync(path.join(staging, name), path.join(dataDir, name));
      placed.push(name);
    }
  } catch (error) {
    for (const name of placed) fs.renameSync(path.join(dataDir, name), path.join(staging, name));
    if (replacedFolder) putBack(dataDir, replacedFolder, fs.readdirSync(replacedFolder));
    throw error;
  }
}

function putBack(dataDir: string, folder: string, names: readonly string[]): void {
  for (const name of names) fs.renameSync(path.join(folder, name), path.join(dataDir, name));
  fs.rmdirSync(folder);
}
