import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { SignedIn, TestServer } from './test-server';

// Desk content and load for the backup tests: worked tickets, a stream of intakes, the master key.

/** What people see of a ticket: enough to tell that nothing was lost or changed. */
export async function conversation(server: TestServer, number: number) {
  const response = await server.api('GET', `/api/tickets/${number}`, { token: server.adminToken });
  if (response.status !== 200) return { status: response.status };
  const messages = response.body.messages.map(({ id, kind, body, authorId }: Record<string, unknown>) => ({ id, kind, body, authorId }));
  return { status: 200, subject: response.body.subject as string, messages };
}

/** Intake, a customer's follow-up, then the agent takes it, replies and writes a note. */
export async function workedTicket(server: TestServer, agent: SignedIn, index: number): Promise<number> {
  const ticket = await server.intake(`Worked ticket ${index}`, `Description ${index}`);
  const steps = [
    await server.api('POST', `/api/tickets/${ticket.number}/customer-messages`, { headers: { 'x-access-key': ticket.accessKey }, body: { body: `More detail ${index}` } }),
    await server.api('PATCH', `/api/tickets/${ticket.number}`, { token: agent.token, body: { status: 'in_progress' } }),
    await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: agent.token, body: { kind: 'reply', body: `Reply ${index}` } }),
    await server.api('POST', `/api/tickets/${ticket.number}/messages`, { token: agent.token, body: { kind: 'note', body: `Note ${index}` } }),
  ];
  expect(steps.map((step) => step.status)).toEqual([201, 200, 201, 201]);
  return ticket.number;
}

export type Intake = { sentAt: number; number: number | null };

/** Public intakes from a few parallel callers, until stopped; a failed intake fails the test. */
export function intakeLoad(server: TestServer, callers = 3) {
  const sent: Intake[] = [];
  let running = true;
  const loops = Array.from({ length: callers }, async (_, caller) => {
    while (running) {
      const intake: Intake = { sentAt: performance.now(), number: null };
      sent.push(intake);
      intake.number = (await server.intake(`Load ${caller}.${sent.length}`)).number;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return { sent, stop: () => ((running = false), Promise.all(loops)) };
}

/** The master key as the server generates it (base64url of 32 random bytes), unless it already made one. */
export function ensureSecretKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file);
}
