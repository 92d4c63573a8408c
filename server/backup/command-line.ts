import { readConfig, type ServerConfig } from '../config';
import { BackupError, EXIT_CODES } from './backup-error';

/**
 * Runs a backup/restore command the way a person expects from a tool: a refusal is one line on
 * stderr naming the problem, with the exit code of README "Backups"; success prints to stdout.
 */
export async function runCommand(name: string, main: () => Promise<void>): Promise<never> {
  try {
    await main();
    process.exit(EXIT_CODES.done);
  } catch (error) {
    if (error instanceof BackupError) {
      process.stderr.write(`tierdesk ${name}: ${error.message}\n`);
      process.exit(error.exitCode);
    }
    process.stderr.write(`tierdesk ${name}: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(EXIT_CODES.refused);
  }
}

/** Wraps strict `parseArgs`: an unknown option or a missing value is a usage error, never ignored. */
export function parseCommandLine<T>(parse: () => T, usage: string): T {
  try {
    return parse();
  } catch (error) {
    throw new BackupError(`${(error as Error).message}\n${usage}`, EXIT_CODES.badArguments);
  }
}

/** The server's own settings (one reading of the environment); a bad one stops the command. */
export function serverConfig(): ServerConfig {
  try {
    return readConfig(process.env);
  } catch (error) {
    throw new BackupError((error as Error).message, EXIT_CODES.badArguments);
  }
}

/** In scale-out mode the database is PostgreSQL, which has its own tools; README "Backups" says the same. */
export function refuseScaleOut(config: ServerConfig, command: 'backup' | 'restore'): void {
  if (!config.databaseUrl) return;
  const how =
    command === 'backup'
      ? 'back it up with pg_dump, e.g.  pg_dump -Fc --no-owner -d "$DATABASE_URL" -f tierdesk-$(date +%F).dump'
      : 'restore a pg_dump into an empty database with pg_restore, e.g.  pg_restore --no-owner --single-transaction --exit-on-error -d "$DATABASE_URL" tierdesk.dump';
  throw new BackupError(
    `DATABASE_URL is set (scale-out mode): the database is PostgreSQL, not a data folder; ${how}. ` +
      'Keep TIERDESK_SECRET_KEY with the dump: without it the encrypted secrets (2FA seeds) cannot be read. ' +
      `Unset DATABASE_URL to ${command} an embedded (SQLite) data folder.`,
    EXIT_CODES.scaleOutMode,
  );
}
