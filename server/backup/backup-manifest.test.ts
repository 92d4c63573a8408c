import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupManifestSchema, readManifest, timestampForName, type BackupManifest } from './backup-manifest';
import { isInside } from './paths';

const manifest = (): BackupManifest => ({
  format: 'tierdesk-backup',
  formatVersion: 1,
  createdAt: '2025-01-31T14:05:09.123Z',
  tierdeskVersion: '0.1.0',
  source: { dataDir: '/srv/tierdesk/data', hostname: 'desk' },
  database: { dialect: 'sqlite', migrations: ['001-initial'], counts: { tickets: 1, messages: 2, agents: 1 }, highestTicketNumber: 1001 },
  secretKeyFromEnvironment: false,
  files: [{ name: 'tierdesk.sqlite', bytes: 4096, sha256: 'a'.repeat(64) }],
});

describe('the backup manifest', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-manifest-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (value: unknown) => fs.writeFileSync(path.join(dir, 'manifest.json'), typeof value === 'string' ? value : JSON.stringify(value));

  it('reads a valid manifest back as written', () => {
    write(manifest());
    expect(readManifest(dir)).toEqual(manifest());
  });

  it('never lets a manifest name a file outside the backup folder, twice, or leave out the database', () => {
    for (const files of [
      [{ name: '../../etc/passwd', bytes: 1, sha256: 'a'.repeat(64) }],
      [{ name: 'secret.key', bytes: 1, sha256: 'a'.repeat(64) }],
      [manifest().files[0], manifest().files[0]],
      [{ name: 'tierdesk.sqlite', bytes: 1, sha256: 'not-hex' }],
    ]) {
      expect(BackupManifestSchema.safeParse({ ...manifest(), files }).success, JSON.stringify(files)).toBe(false);
    }
  });

  it('names the problem: no manifest, not JSON, another format, a newer format, a broken field', () => {
    expect(() => readManifest(dir)).toThrow(/not a Tierdesk backup: .* has no readable manifest\.json/);
    write('{');
    expect(() => readManifest(dir)).toThrow(/manifest\.json is not JSON/);
    write({ ...manifest(), format: 'zip' });
    expect(() => readManifest(dir)).toThrow(/does not say "format": "tierdesk-backup"/);
    write({ ...manifest(), formatVersion: 7 });
    expect(() => readManifest(dir)).toThrow(/newer Tierdesk \(backup format 7; this version reads format 1\)/);
    write({ ...manifest(), database: { ...manifest().database, counts: { tickets: -1, messages: 0, agents: 0 } } });
    expect(() => readManifest(dir)).toThrow(/database\.counts\.tickets/);
    write(' '.repeat(1_048_577));
    expect(() => readManifest(dir)).toThrow(/is larger than 1048576 bytes/);
  });
});

describe('backup names and paths', () => {
  it('names a backup by its UTC second, without characters some file systems refuse', () => {
    expect(timestampForName(new Date('2025-01-31T14:05:09.987Z'))).toBe('2025-01-31T14-05-09Z');
  });

  it('tells a path inside a folder from a sibling whose name merely starts the same', () => {
    expect(isInside('/srv/data/backups', '/srv/data')).toBe(true);
    expect(isInside('/srv/data', '/srv/data')).toBe(true);
    expect(isInside('/srv/data-backups', '/srv/data')).toBe(false);
    expect(isInside('/srv/..data', '/srv')).toBe(true);
    expect(isInside('/srv', '/srv/data')).toBe(false);
  });
});
