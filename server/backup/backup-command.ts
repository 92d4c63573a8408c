import path from 'node:path';
import { parseArgs } from 'node:util';
import { createBackup } from './create-backup';
import { DATABASE_FILE, SECRET_KEY_FILE } from './backup-manifest';
import { parseCommandLine, refuseScaleOut, runCommand, serverConfig } from './command-line';
import { invocationFolder } from './paths';

const USAGE = `usage: npm run backup -- [--out <folder>] [--data-dir <folder>]
  --out       an existing folder to put the backup in, or the path of the new backup folder (default: ./backups)
  --data-dir  the data folder to back up (default: TIERDESK_DATA_DIR, else ./data)`;

/** `npm run backup`: a consistent copy of the embedded store, safe while the server runs. */
await runCommand('backup', async () => {
  const { values } = parseCommandLine(
    () => parseArgs({ strict: true, options: { out: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }),
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = serverConfig();
  refuseScaleOut(config, 'backup');
  const from = invocationFolder();
  const { folder, manifest } = await createBackup({
    dataDir: values['data-dir'] ? path.resolve(from, values['data-dir']) : config.dataDir,
    out: values.out ? path.resolve(from, values.out) : null,
    defaultParent: path.resolve(from, 'backups'),
    secretKeyFromEnvironment: config.secretKey !== null,
    now: new Date(),
  });
  const { counts, highestTicketNumber, migrations } = manifest.database;
  const database = manifest.files.find((file) => file.name === DATABASE_FILE);
  const keyIncluded = manifest.files.some((file) => file.name === SECRET_KEY_FILE);
  process.stdout.write(
    [
      `Backup written to ${folder}`,
      `  ${DATABASE_FILE}: ${database?.bytes ?? 0} bytes; ${counts.tickets} tickets (highest #${highestTicketNumber}), ${counts.messages} messages, ${counts.agents} agents; schema ${migrations.at(-1) ?? 'empty'}`,
      keyIncluded
        ? `  ${SECRET_KEY_FILE}: included (the master key of the encrypted secrets: keep the backup as private as the server)`
        : `  ${SECRET_KEY_FILE}: none in the data folder`,
      ...(manifest.secretKeyFromEnvironment ? ['  TIERDESK_SECRET_KEY is set: the key is not in the backup; keep its value with it'] : []),
      `Restore with: npm run restore -- ${folder}`,
      '',
    ].join('\n'),
  );
});
