import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from './auth/passwords';
import type { Clock } from './clock';
import type { Logger } from './logger';
import { registerAgent } from './features/agents/register-agent';
import { countAgents } from './store/agents-repository';
import type { Database } from './store/database';

/**
 * On the very first start (no agents yet) creates the admin account, so a team can sign in
 * without any other set-up. A generated password is printed once to the terminal, never logged.
 */
export async function ensureFirstAdmin(
  database: Database,
  clock: Clock,
  logger: Logger,
  options: { email: string; password: string | null },
): Promise<void> {
  if ((await countAgents(database.db)) > 0) return;
  const password = options.password ?? randomBytes(12).toString('base64url');
  await registerAgent(
    database,
    { id: randomUUID(), email: options.email, name: 'Administrator', role: 'admin', level: 3, active: true },
    await hashPassword(password),
    clock.now(),
  );
  logger.info({ email: options.email }, 'first admin created');
  if (!options.password) {
    process.stdout.write(`\n  Tierdesk admin account created: ${options.email} / ${password}\n  (shown once; set TIERDESK_ADMIN_PASSWORD to choose it)\n\n`);
  }
}
