import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFolder, folderFingerprint, resealManifest, runNpmScript, runProgram, tempFolder } from '../support/backup-commands';
import { conversation, ensureSecretKey, intakeLoad, workedTicket } from '../support/backup-fixtures';
import { eventually } from '../support/eventually';
import { createScratchDatabase, postgresUnavailableReason } from '../support/postgres';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * `npm run backup` / `npm run restore` run as their own processes, as a person runs them, against
 * real servers (SQLite in temp folders); and the documented pg_dump / pg_restore path for
 * PostgreSQL. Every refusal must leave the data folder exactly as it was.
 */

const folders: string[] = [];
const temp = (label: string) => {
  const folder = tempFolder(label);
  folders.push(folder);
  return folder;
};
afterAll(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

describe('npm run backup / restore (embedded SQLite)', () => {
  it('a backup taken while the server takes writes restores every acknowledged ticket, the agents and the numbering', { timeout: 240_000 }, async () => {
    let server: TestServer | undefined = await startTestServer({ env: { TIERDESK_RATE_LIMITS: 'off' } });
    let restored: TestServer | undefined;
    // A long reader (a slow report, another backup) keeps the server from checkpointing: every
    // commit from here on lives only in the WAL, where a copy of the database file would miss it.
    const longReader = new Sqlite(path.join(server.dataDir, 'tierdesk.sqlite'), { readonly: true });
    longReader.prepare('begin').run();
    longReader.prepare('select count(*) from tickets').get();
    try {
      const alice = await server.signIn({ name: 'Alice Agent' });
      const sam = await server.signIn({ name: 'Sam Supervisor', role: 'supervisor', level: 2 });
      const worked = [];
      for (let index = 1; index <= 4; index++) worked.push(await workedTicket(server, alice, index));
      const key = ensureSecretKey(server.dataDir);

      const load = intakeLoad(server);
      await eventually('intakes to flow', () => load.sent.filter((intake) => intake.number !== null).length >= 20);
      const backupBegan = performance.now();
      const acknowledgedBefore = load.sent.flatMap((intake) => (intake.number === null ? [] : [intake.number]));
      const out = path.join(temp('backups'), 'nightly');
      const backup = await runNpmScript('backup', ['--out', out], { TIERDESK_DATA_DIR: server.dataDir });
      const backupEnded = performance.now();
      await eventually('intakes sent after the backup', () => load.sent.filter((intake) => intake.sentAt > backupEnded && intake.number !== null).length >= 5);
      await load.stop();
      longReader.prepare('commit').run();
      longReader.close();

      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain(`Backup written to ${out}`);
      expect(load.sent.filter((intake) => intake.sentAt > backupBegan && intake.sentAt < backupEnded).length).toBeGreaterThan(10);

      // While the server runs, restore refuses its folder, even with --force, and leaves it alone.
      const underServer = await runNpmScript('restore', [out, '--data-dir', server.dataDir, '--force']);
      expect(underServer.code).toBe(1);
      expect(underServer.stderr).toMatch(/a Tierdesk server \(pid \d+, started .*\) has .* open: stop it, then restore/);
      expect(fs.readdirSync(server.dataDir).filter((name) => name.startsWith('replaced-') || name.startsWith('.restore-'))).toEqual([]);

      const expected = new Map<number, Awaited<ReturnType<typeof conversation>>>();
      for (const number of [...worked, ...acknowledgedBefore]) expected.set(number, await conversation(server, number));
      await server.stop();
      server = undefined;

      const restoredDir = path.join(temp('restored'), 'data');
      const restore = await runNpmScript('restore', [out], { TIERDESK_DATA_DIR: restoredDir });
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toContain(`into ${restoredDir}`);
      expect(fs.readFileSync(path.join(restoredDir, 'secret.key'))).toEqual(key);
      expect(fs.statSync(path.join(restoredDir, 'secret.key')).mode & 0o777).toBe(0o600);

      restored = await startTestServer({ dataDir: restoredDir });
      for (const [number, before] of expected) expect(await conversation(restored, number), `ticket #${number}`).toEqual(before);

      // One consistent moment: every number up to the highest is there with its description and
      // acknowledgement, and nothing sent after the backup ended is.
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      const highest: number = manifest.database.highestTicketNumber;
      const lowest = Math.min(...worked);
      expect(manifest.database.counts.tickets).toBe(highest - lowest + 1);
      for (let number = lowest; number <= highest; number += 10) {
        const batch = Array.from({ length: Math.min(10, highest - number + 1) }, (_, offset) => conversation(restored!, number + offset));
        for (const ticket of await Promise.all(batch)) {
          expect(ticket.status).toBe(200);
          expect(ticket.messages?.length).toBeGreaterThanOrEqual(2);
        }
      }
      for (const intake of load.sent.filter((sent) => sent.sentAt > backupEnded)) expect(intake.number).toBeGreaterThan(highest);

      for (const agent of [alice, sam]) {
        const login = await restored.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: agent.password } });
        expect(login.status).toBe(200);
        expect(login.body.agent.id).toBe(agent.agent.id);
      }
      expect((await restored.intake('After the restore')).number).toBe(highest + 1);
    } finally {
      if (longReader.open) longReader.close();
      await server?.stop();
      await restored?.stop();
    }
  });

  it('backs up and restores the attachment store, and refuses a backup whose attachment was damaged', { timeout: 120_000 }, async () => {
    const server = await startTestServer();
    const ticket = await server.intake('With a file');
    const bytes = Buffer.from(Array.from({ length: 5_000 }, (_, index) => index % 251));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'scan.bin');
    const uploaded = await (await fetch(`${server.url}/api/tickets/${ticket.number}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}` }, body: form })).json();
    const out = path.join(temp('backups'), 'with-files');
    const made = await runNpmScript('backup', ['--out', out, '--data-dir', server.dataDir]);
    await server.stop();
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).attachments).toEqual({ files: 1, bytes: bytes.length });

    const restoredDir = path.join(temp('restored-files'), 'data');
    const restore = await runNpmScript('restore', [out, '--data-dir', restoredDir]);
    expect(restore.code, restore.stderr).toBe(0);
    const restored = await startTestServer({ dataDir: restoredDir });
    try {
      const download = await fetch(`${restored.url}${uploaded.url}`, { headers: { authorization: `Bearer ${restored.adminToken}` } });
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      await restored.stop();
    }

    const damaged = copyFolder(out, temp('damaged-files'));
    const [prefix] = fs.readdirSync(path.join(damaged, 'attachments'));
    const [blob] = fs.readdirSync(path.join(damaged, 'attachments', prefix!));
    fs.appendFileSync(path.join(damaged, 'attachments', prefix!, blob!), 'x');
    const refusedDir = path.join(temp('refused-files'), 'data');
    const refused = await runNpmScript('restore', [damaged, '--data-dir', refusedDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/attachment .* is damaged/);
    expect(fs.existsSync(refusedDir)).toBe(false);
  });

  describe('refusals', () => {
    let good: string;
    beforeAll(async () => {
      const server = await startTestServer();
      await server.intake('Kept safe');
      good = path.join(temp('good'), 'backup');
      const made = await runNpmScript('backup', ['--out', good, '--data-dir', server.dataDir]);
      await server.stop();
      expect(made.code, made.stderr).toBe(0);
    }, 120_000);

    it('restore refuses a damaged, incomplete, foreign or newer backup with its reason, and creates nothing', { timeout: 240_000 }, async () => {
      const flipped = copyFolder(good, temp('tampered'));
      const flippedFile = path.join(flipped, 'tierdesk.sqlite');
      const bytes = fs.readFileSync(flippedFile);
      bytes[bytes.length >> 1]! ^= 0x01;
      fs.writeFileSync(flippedFile, bytes);

      const missing = copyFolder(good, temp('tampered'));
      fs.rmSync(path.join(missing, 'tierdesk.sqlite'));

      const foreign = temp('foreign');
      fs.writeFileSync(path.join(foreign, 'notes.txt'), 'not a backup');
      const otherFormat = copyFolder(good, temp('tampered'));
      resealManifest(otherFormat, (manifest) => (manifest.format = 'another-tool'));
      const newerFormat = copyFolder(good, temp('tampered'));
      resealManifest(newerFormat, (manifest) => (manifest.formatVersion = 2));

      const newerSchema = copyFolder(good, temp('tampered'));
      const database = new Sqlite(path.join(newerSchema, 'tierdesk.sqlite'));
      database.prepare('insert into kysely_migration (name, timestamp) values (?, ?)').run('999-from-the-future', new Date().toISOString());
      database.close();
      resealManifest(newerSchema, (manifest) => manifest.database.migrations.push('999-from-the-future'));

      // Garbage over the tickets table's root page, with checksums to match: only integrity_check can tell.
      const broken = copyFolder(good, temp('tampered'));
      const brokenFile = path.join(broken, 'tierdesk.sqlite');
      const reader = new Sqlite(brokenFile, { readonly: true });
      const rootPage = Number(reader.prepare("select rootpage from sqlite_master where name = 'tickets'").pluck().get());
      const pageSize = Number(reader.pragma('page_size', { simple: true }));
      reader.close();
      const content = fs.readFileSync(brokenFile);
      content.fill(0xa5, (rootPage - 1) * pageSize, rootPage * pageSize);
      fs.writeFileSync(brokenFile, content);
      resealManifest(broken);

      const cases: Array<[string, RegExp]> = [
        [flipped, /the backup is damaged: .*tierdesk\.sqlite does not match its checksum in manifest\.json/],
        [missing, /the backup is incomplete: tierdesk\.sqlite, listed in manifest\.json, is missing/],
        [foreign, /not a Tierdesk backup: .* has no readable manifest\.json/],
        [otherFormat, /not a Tierdesk backup: .* does not say "format": "tierdesk-backup"/],
        [newerFormat, /made by a newer Tierdesk \(backup format 2; this version reads format 1\)/],
        [newerSchema, /newer schema than this Tierdesk knows \(migration 999-from-the-future\): upgrade Tierdesk/],
        [broken, /backup\/tierdesk\.sqlite is damaged: PRAGMA integrity_check/],
        [path.join(good, 'tierdesk.sqlite'), /is a file, not a Tierdesk backup/],
        [path.join(foreign, 'no-such-backup'), /there is no backup at/],
      ];
      // Three at a time: each is a process start (npm, tsx), and there are two cores.
      for (let start = 0; start < cases.length; start += 3) {
        await Promise.all(
          cases.slice(start, start + 3).map(async ([backup, reason]) => {
            const target = path.join(temp('target'), 'data');
            const result = await runNpmScript('restore', [backup, '--data-dir', target]);
            expect({ code: result.code, refused: reason.test(result.stderr) }, `${backup}: ${result.stderr}`).toEqual({ code: 1, refused: true });
            expect(fs.existsSync(target)).toBe(false);
          }),
        );
      }
    });

    it('restore refuses a data folder that is not empty without --force; with --force it keeps what was there aside', { timeout: 120_000 }, async () => {
      const withDatabase = path.join(temp('occupied'), 'data');
      expect((await runNpmScript('restore', [good, '--data-dir', withDatabase])).code).toBe(0);
      const notes = temp('notes');
      fs.writeFileSync(path.join(notes, 'notes.txt'), 'mine');

      for (const [target, reason] of [
        [withDatabase, /already holds a Tierdesk database: restore into an empty or new folder, or pass --force/],
        [notes, /is not empty \(notes\.txt\): .* pass --force/],
      ] as const) {
        const before = folderFingerprint(target);
        const refused = await runNpmScript('restore', [good, '--data-dir', target]);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(reason);
        expect(folderFingerprint(target)).toEqual(before);
      }

      // A marker left by a killed server (its pid above Linux's largest) is no reason to refuse.
      fs.writeFileSync(path.join(notes, 'tierdesk.lock'), JSON.stringify({ pid: 2 ** 22 + 7, hostname: os.hostname(), startedAt: 'then', token: 'x' }));
      const before = folderFingerprint(notes);
      const forced = await runNpmScript('restore', [good, '--data-dir', notes, '--force']);
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.stdout).toContain(`a server, pid ${2 ** 22 + 7}, had ended without closing this folder`);
      const replaced = fs.readdirSync(notes).filter((name) => name.startsWith('replaced-'));
      expect(replaced).toHaveLength(1);
      expect(forced.stdout).toContain(`kept in ${path.join(notes, replaced[0]!)}`);
      expect(folderFingerprint(path.join(notes, replaced[0]!))).toEqual(before);
      expect(folderFingerprint(notes)['tierdesk.sqlite']).toBe(folderFingerprint(good)['tierdesk.sqlite']);
    });

    it('backup refuses a folder without a database, an --out that is a file or inside the data folder, and unknown options', { timeout: 120_000 }, async () => {
      const empty = temp('empty');
      const restoredDir = path.join(temp('source'), 'data');
      expect((await runNpmScript('restore', [good, '--data-dir', restoredDir])).code).toBe(0);
      const notSqlite = temp('not-sqlite');
      fs.writeFileSync(path.join(notSqlite, 'tierdesk.sqlite'), 'a text file, not a database');
      const aFile = path.join(empty, 'a-file');
      fs.writeFileSync(aFile, 'x');
      const cases: Array<[string[], number, RegExp]> = [
        [['--data-dir', empty, '--out', path.join(empty, 'out')], 1, /there is no Tierdesk database at .*tierdesk\.sqlite/],
        [['--data-dir', restoredDir, '--out', aFile], 1, /--out .* is a file/],
        [['--data-dir', restoredDir, '--out', path.join(restoredDir, 'backups')], 1, /put backups outside the data folder/],
        [['--data-dir', restoredDir, '--ouput', empty], 2, /Unknown option '--ouput'/],
        // Fails after it began writing: the folders it made on the way are gone again.
        [['--data-dir', notSqlite, '--out', path.join(empty, 'new', 'nightly')], 1, /tierdesk\.sqlite is not an SQLite database/],
      ];
      for (const [args, code, reason] of cases) {
        const before = { source: folderFingerprint(restoredDir), empty: fs.readdirSync(empty, { recursive: true }) };
        const result = await runNpmScript('backup', args);
        expect({ code: result.code, refused: reason.test(result.stderr) }, `${args.join(' ')}: ${result.stderr}`).toEqual({ code, refused: true });
        expect({ source: folderFingerprint(restoredDir), empty: fs.readdirSync(empty, { recursive: true }) }).toEqual(before);
      }
    });

    it('in scale-out mode (DATABASE_URL) both commands point to pg_dump / pg_restore and exit 3', { timeout: 60_000 }, async () => {
      const env = { DATABASE_URL: 'postgres://tierdesk@127.0.0.1:5432/tierdesk' };
      const [backup, restore] = await Promise.all([runNpmScript('backup', [], env), runNpmScript('restore', [good], env)]);
      expect(backup.code).toBe(3);
      expect(backup.stderr).toMatch(/scale-out mode.*pg_dump -Fc/);
      expect(restore.code).toBe(3);
      expect(restore.stderr).toMatch(/scale-out mode.*pg_restore/);
      for (const result of [backup, restore]) expect(result.stderr).toContain('Keep TIERDESK_SECRET_KEY with the dump');
    });
  });
});

const pgUnavailable =
  (await postgresUnavailableReason()) ??
  ((await runProgram('pg_dump', ['--version'])).code !== 0 || (await runProgram('pg_restore', ['--version'])).code !== 0 ? 'pg_dump or pg_restore is not installed' : null);
if (pgUnavailable) console.warn(`[skip] pg_dump backup test: ${pgUnavailable}`);

describe.skipIf(pgUnavailable !== null)('scale-out backups: the documented pg_dump -Fc / pg_restore', () => {
  it('a dump of a running desk restored into another database serves its tickets, agents and numbering', { timeout: 120_000 }, async () => {
    const source = await createScratchDatabase();
    const target = await createScratchDatabase();
    const dump = path.join(temp('pg-dump'), 'tierdesk.dump');
    let first: TestServer | undefined;
    let second: TestServer | undefined;
    try {
      first = await startTestServer({ databaseUrl: source.url });
      const agent = await first.signIn({ name: 'Pat Postgres' });
      const numbers = [];
      for (let index = 1; index <= 3; index++) numbers.push(await workedTicket(first, agent, index));
      const expected = await Promise.all(numbers.map((number) => conversation(first!, number)));

      const dumped = await runProgram('pg_dump', ['-Fc', '--no-owner', '-d', source.url, '-f', dump]);
      expect(dumped.code, dumped.stderr).toBe(0);
      await first.stop();
      first = undefined;
      const restored = await runProgram('pg_restore', ['--no-owner', '--single-transaction', '--exit-on-error', '-d', target.url, dump]);
      expect(restored.code, restored.stderr).toBe(0);

      second = await startTestServer({ databaseUrl: target.url });
      expect(await Promise.all(numbers.map((number) => conversation(second!, number)))).toEqual(expected);
      const login = await second.api('POST', '/api/auth/login', { body: { email: agent.agent.email, password: agent.password } });
      expect(login.status).toBe(200);
      expect((await second.intake('After pg_restore')).number).toBe(Math.max(...numbers) + 1);
    } finally {
      await first?.stop();
      await second?.stop();
      await source.drop();
      await target.drop();
    }
  });
});
