import path from 'node:path';
import { parseArgs } from 'node:util';
import { BackupError, EXIT_CODES } from './backup-error';
import { SECRET_KEY_FILE } from './backup-manifest';
import { parseCommandLine, refuseScaleOut, runCommand, serverConfig } from './command-line';
import { invocationFolder } from './paths';
import { restoreBackup } from './restore-backup';

const USAGE = `usage: npm run restore -- <backup folder> [--data-dir <folder>] [--force]
  --data-dir  the data folder to restore into (default: TIERDESK_DATA_DIR, else ./data)
  --force     replace a data folder that is not empty; what is there is kept in <data folder>/replaced-<time>/`;

/** `npm run restore`: puts a checked backup into a data folder no server has open. */
await runCommand('restore', async () => {
  const { values, positionals } = parseCommandLine(
    () => parseArgs({ strict: true, allowPositionals: true, options: { 'data-dir': { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }),
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length !== 1) throw new BackupError(`give exactly one backup folder (got ${positionals.length})\n${USAGE}`, EXIT_CODES.badArguments);
  const config = serverConfig();
  refuseScaleOut(config, 'restore');
  const from = invocationFolder();
  const restored = await restoreBackup({
    backupPath: path.resolve(from, positionals[0]!),
    dataDir: values['data-dir'] ? path.resolve(from, values['data-dir']) : config.dataDir,
    force: values.force === true,
    now: new Date(),
  });
  const { manifest, facts } = restored;
  const keyIncluded = manifest.files.some((file) => file.name === SECRET_KEY_FILE);
  process.stdout.write(
    [
      `Restored the backup of ${manifest.createdAt} (Tierdesk ${manifest.tierdeskVersion}) into ${restored.dataDir}`,
      `  ${facts.counts.tickets} tickets (highest #${facts.highestTicketNumber}), ${facts.counts.messages} messages, ${facts.counts.agents} agents; schema ${facts.migrations.at(-1) ?? 'empty'}`,
      keyIncluded ? `  ${SECRET_KEY_FILE}: restored` : `  ${SECRET_KEY_FILE}: none in the backup`,
      ...(manifest.secretKeyFromEnvironment ? ['  the source server took its key from TIERDESK_SECRET_KEY: set the same value here'] : []),
      ...(restored.replacedFolder ? [`  what was in the data folder before is kept in ${restored.replacedFolder}`] : []),
      ...(restored.staleOwner ? [`  (a server, pid ${restored.staleOwner.pid}, had ended without closing this folder)`] : []),
      'Start the server on this folder; it applies any newer migrations itself.',
      '',
    ].join('\n'),
  );
});
