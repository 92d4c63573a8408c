import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATA_FOLDER_LOCK_FILE, dataFolderUse, markDataFolderInUse } from './data-folder-lock';
import { openDatabase } from './database';

describe('the data folder marker', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const writeMarker = (content: string) => fs.writeFileSync(path.join(dir, DATA_FOLDER_LOCK_FILE), content);

  it('is there while the SQLite database is open, naming this process, and gone once it closes', async () => {
    expect(dataFolderUse(dir)).toEqual({ state: 'free' });
    const database = await openDatabase({ dataDir: dir, databaseUrl: null });
    expect(dataFolderUse(dir)).toMatchObject({ state: 'in_use', sameHost: true, owner: { pid: process.pid, hostname: os.hostname() } });
    await database.close();
    expect(dataFolderUse(dir)).toEqual({ state: 'free' });
  });

  it('tells a marker left by an ended process (stale) from a live one and from another host', () => {
    // Above Linux's largest pid (2^22): no process has it.
    writeMarker(JSON.stringify({ pid: 2 ** 22 + 12_345, hostname: os.hostname(), startedAt: 'then', token: 't' }));
    expect(dataFolderUse(dir)).toMatchObject({ state: 'stale', owner: { pid: 2 ** 22 + 12_345 } });
    writeMarker(JSON.stringify({ pid: process.pid, hostname: `not-${os.hostname()}`, startedAt: 'then', token: 't' }));
    expect(dataFolderUse(dir)).toMatchObject({ state: 'in_use', sameHost: false });
    writeMarker('{"pid": "one"');
    expect(dataFolderUse(dir)).toEqual({ state: 'unreadable', reason: 'not JSON' });
    writeMarker('{"pid": -1}');
    expect(dataFolderUse(dir)).toEqual({ state: 'unreadable', reason: 'unexpected content' });
  });

  it('is removed on release only while it is still this opener\'s (a later opener wrote its own)', () => {
    const first = markDataFolderInUse(dir);
    const second = markDataFolderInUse(dir);
    first.release();
    expect(dataFolderUse(dir).state).toBe('in_use');
    second.release();
    expect(dataFolderUse(dir)).toEqual({ state: 'free' });
  });
});
