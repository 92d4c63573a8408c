import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Dialect } from '../dialect';
import { initialMigration } from './001-initial';
import { lifecycleMigration } from './002-lifecycle';
import { groupsMigration } from './003-groups';
import { routingMigration } from './004-routing';
import { feedScopesMigration } from './005-feed-scopes';
import { sessionActivityMigration } from './006-session-activity';
import { twoFactorMigration } from './007-two-factor';
import { ticketCountsMigration } from './008-ticket-counts';
import { mailMigration } from './009-mail';
import { mailboxesMigration } from './010-mailboxes';
import { ticketListingMigration } from './011-ticket-listing';
import { attachmentsMigration } from './012-attachments';
import { spamMigration } from './013-spam';
import { signaturesMigration } from './014-signatures';
import { supportAddressesMigration } from './015-support-addresses';
import { searchTermsMigration } from './016-search-terms';
import { knowledgeMigration } from './017-knowledge';
import { templatesMigration } from './018-templates';

/** Migrations live in code (no folder scanning), in order; names never change once released. */
function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '001-initial': initialMigration(dialect),
    '002-lifecycle': lifecycleMigration(dialect),
    '003-groups': groupsMigration,
    '004-routing': routingMigration,
    '005-feed-scopes': feedScopesMigration(dialect),
    '006-session-activity': sessionActivityMigration(dialect),
    '007-two-factor': twoFactorMigration,
    '008-ticket-counts': ticketCountsMigration(dialect),
    '009-mail': mailMigration,
    '010-mailboxes': mailboxesMigration,
    '011-ticket-listing': ticketListingMigration(dialect),
    '012-attachments': attachmentsMigration(dialect),
    '013-spam': spamMigration,
    '014-signatures': signaturesMigration,
    '015-support-addresses': supportAddressesMigration,
    '016-search-terms': searchTermsMigration(dialect),
    '017-knowledge': knowledgeMigration,
    '018-templates': templatesMigration,
  };
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await migrate(db, dialect, (migrator) => migrator.migrateToLatest());
}

/** Up (or down) to the named migration: tests build a database of an older release this way. */
export async function migrateTo(db: Kysely<unknown>, dialect: Dialect, name: string): Promise<void> {
  await migrate(db, dialect, (migrator) => migrator.migrateTo(name));
}

async function migrate(db: Kysely<unknown>, dialect: Dialect, run: (migrator: Migrator) => Promise<MigrationResultSet>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrationsFor(dialect) },
  });
  const { error, results } = await run(migrator);
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}

/** The names of the migrations this version knows, in order: a backup with any other is from a newer Tierdesk. */
export const knownMigrationNames = (): string[] => Object.keys(migrationsFor('sqlite'));
