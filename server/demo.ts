import { randomUUID } from 'node:crypto';
import { hashPassword } from './auth/passwords';
import { systemClock } from './clock';
import { readConfig } from './config';
import { startServer } from './start-server';
import { findAgentByEmail } from './store/agents-repository';
import type { Agent, Intake } from '../core';

/**
 * `npm run demo`: the same server as `npm start`, with sample agents and tickets (added once, on
 * an empty desk) so a newcomer sees a working desk in a minute. Never use these passwords for real.
 */
const DEMO_PASSWORD = 'demo-lantern-harbor';
const DEMO_AGENTS: Omit<Agent, 'id' | 'active'>[] = [
  { email: 'lena@demo.tierdesk', name: 'Lena Novak', role: 'agent', level: 1 },
  { email: 'omar@demo.tierdesk', name: 'Omar Haddad', role: 'agent', level: 1 },
  { email: 'ivan@demo.tierdesk', name: 'Ivan Petrov', role: 'agent', level: 2 },
  { email: 'sam@demo.tierdesk', name: 'Sam Supervisor', role: 'supervisor', level: 3 },
];
const DEMO_TICKETS: Intake[] = [
  { subject: 'Cannot sign in to the customer portal', body: 'It says my password expired, but the reset mail never arrives.', requester: { email: 'anna@acme.test', name: 'Anna Schmidt' }, channel: 'portal' },
  { subject: 'Invoice #4411 charged twice', body: 'We were billed twice this month. Please refund one charge.', requester: { email: 'billing@globex.test', name: 'Globex Billing' }, channel: 'email', type: 'complaint' },
  { subject: 'How do I export my reports to CSV?', body: 'Is there a way to export the monthly report?', requester: { email: 'piotr@kowalski.test', name: 'Piotr Kowalski' }, type: 'consultation' },
  { subject: 'Production API returns 502 since 09:00', body: 'All calls to /v2/orders fail with 502. Our shop is down.', requester: { email: 'ops@initech.test', name: 'Initech Ops' }, channel: 'api', type: 'incident' },
  { subject: 'Add two seats to our plan', body: 'We hired two people and need accounts for them.', requester: { email: 'maria@umbrella.test', name: 'Maria Rossi' }, type: 'service_request' },
  { subject: 'Mobile app crashes on start', body: 'Since the last update the Android app closes right after the splash screen.', requester: { email: 'dmitry@example.test', name: 'Dmitry Volkov' }, channel: 'messenger' },
];

const config = readConfig();
const server = await startServer(config, systemClock);
const seeded = await seedDemo();
process.stdout.write(
  [
    '',
    `  Tierdesk demo is running at ${server.url}`,
    `  ${seeded ? 'Sample agents and tickets were added.' : 'The desk already had data; nothing was added.'}`,
    '  Routing: General takes every ticket; Billing (Omar, supervised by Sam) takes complaints and',
    '  billing questions. Agents online get new tickets at once; Ivan (L2) gets escalations.',
    '  Sign in as any of (password for all: ' + DEMO_PASSWORD + '):',
    ...DEMO_AGENTS.map((agent) => `    ${agent.email.padEnd(24)} ${agent.name} (${agent.role}, L${agent.level})`),
    `  Admin: ${config.adminEmail} (password from TIERDESK_ADMIN_PASSWORD, or printed above on first start)`,
    '',
  ].join('\n') + '\n',
);

async function seedDemo(): Promise<boolean> {
  const db = server.app.database.db;
  if (await findAgentByEmail(db, DEMO_AGENTS[0]!.email)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  for (const agent of DEMO_AGENTS) {
    const id = randomUUID();
    ids.set(agent.email, id);
    await server.app.team.registerAgent({ ...agent, id, active: true }, passwordHash);
  }
  // A second group shows category routing: complaints and billing questions go to Billing.
  const billing = { id: randomUUID(), name: 'Billing', categories: ['complaint', 'billing'] };
  await server.app.team.createGroup(billing);
  await server.app.team.replaceMembers(billing.id, [
    { agentId: ids.get('omar@demo.tierdesk')!, level: 1, capacity: 8 },
    { agentId: ids.get('sam@demo.tierdesk')!, level: 3, capacity: 5 },
  ]);
  for (const ticket of DEMO_TICKETS) await server.app.tickets.register(ticket);
  return true;
}

const shutdown = () => void server.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
