import type { Kysely, Migration } from 'kysely';

/**
 * The optional TOTP second factor: one row per agent who set one up (the secret sealed with the
 * server's master key; `enabled_at` null while enrolment awaits its first code; the last
 * accepted time step, so a code cannot be replayed), their one-time recovery codes (SHA-256 of
 * 80-bit random codes: never the codes themselves), and the scope of a session: `full`, or
 * `second_factor_setup` for an admin who must enrol first (TIERDESK_REQUIRE_2FA) and may do
 * nothing else. `agents.password_meets_policy` remembers the policy's verdict on the current
 * password (null: not judged yet, as for every account from before the policy), so a sign-in
 * runs the strength check once per password rather than at every sign-in.
 */
export const twoFactorMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('sessions').addColumn('scope', 'varchar(24)', (c) => c.notNull().defaultTo('full')).execute();
    await db.schema.alterTable('agents').addColumn('password_meets_policy', 'integer').execute();

    await db.schema
      .createTable('two_factor')
      .addColumn('agent_id', 'varchar(36)', (c) => c.primaryKey().references('agents.id'))
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('enabled_at', 'bigint')
      .addColumn('last_used_step', 'bigint')
      .execute();

    await db.schema
      .createTable('recovery_codes')
      .addColumn('agent_id', 'varchar(36)', (c) => c.notNull().references('agents.id'))
      .addColumn('code_hash', 'varchar(64)', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addPrimaryKeyConstraint('recovery_codes_pk', ['agent_id', 'code_hash'])
      .execute();
  },
};
