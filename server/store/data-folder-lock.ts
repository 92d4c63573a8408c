import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Written into the data folder while a process has its database open; removed when it closes. */
export const DATA_FOLDER_LOCK_FILE = 'tierdesk.lock';

const LockOwnerSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string().max(255),
  startedAt: z.string().max(40),
  token: z.string().max(64),
});
export type DataFolderOwner = z.infer<typeof LockOwnerSchema>;

/**
 * Marks the data folder as in use by this process, so that offline tools (`npm run restore`) can
 * refuse to replace a database under a running server. Why a file and not an SQLite lock: in WAL
 * mode an idle server holds no lock another process can observe, and locking the database
 * exclusively would also shut out `npm run backup`, which must read it while the server runs.
 * It does not keep a second server out; `release` removes the file only while it is still ours.
 */
export function markDataFolderInUse(dataDir: string): { release(): void } {
  const file = path.join(dataDir, DATA_FOLDER_LOCK_FILE);
  const owner: DataFolderOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
  fs.writeFileSync(file, `${JSON.stringify(owner)}\n`);
  return {
    release() {
      const current = readOwner(file);
      if (current.kind === 'owner' && current.owner.token === owner.token) fs.rmSync(file, { force: true });
    },
  };
}

export type DataFolderUse =
  | { state: 'free' }
  /** A live process on this host, or any process on another host (which cannot be checked from here). */
  | { state: 'in_use'; owner: DataFolderOwner; sameHost: boolean }
  /** Left behind by a process that ended without closing (kill -9, a crash). */
  | { state: 'stale'; owner: DataFolderOwner }
  | { state: 'unreadable'; reason: string };

/** Whether a process has the data folder's database open, by the file `markDataFolderInUse` writes. */
export function dataFolderUse(dataDir: string): DataFolderUse {
  const read = readOwner(path.join(dataDir, DATA_FOLDER_LOCK_FILE));
  if (read.kind === 'none') return { state: 'free' };
  if (read.kind === 'unreadable') return { state: 'unreadable', reason: read.reason };
  const { owner } = read;
  if (owner.hostname !== os.hostname()) return { state: 'in_use', owner, sameHost: false };
  return isProcessAlive(owner.pid) ? { state: 'in_use', owner, sameHost: true } : { state: 'stale', owner };
}

type ReadOwner = { kind: 'none' } | { kind: 'owner'; owner: DataFolderOwner } | { kind: 'unreadable'; reason: string };

function readOwner(file: string): ReadOwner {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', reason: (error as Error).message };
  }
  try {
    const parsed = LockOwnerSchema.safeParse(JSON.parse(text));
    return parsed.success ? { kind: 'owner', owner: parsed.data } : { kind: 'unreadable', reason: 'unexpected content' };
  } catch {
    return { kind: 'unreadable', reason: 'not JSON' };
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
