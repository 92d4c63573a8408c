import http from 'node:http';
import type { Intake } from '../../core';
import { benchIntake } from './seed-server';

/** A request on the wire gets this long for its answer. */
const ANSWER_TIMEOUT_MS = 120_000;
const NOT_SENT = 'not sent: the drain window ended while it waited for a connection';

/** One intake request of the generator: when it was due, sent and answered, and what the server said. */
export type Posted = {
  index: number;
  dueAt: number;
  /** When the generator issued it (behind dueAt only if this process was late). */
  issuedAt: number;
  /** When it got a connection and went on the wire; null when it never did. */
  sentAt: number | null;
  answeredAt: number;
  outcome: 'created' | 'failed' | 'not_sent';
  status: number;
  ticket: { id: string; number: number } | null;
  error: string | null;
};

export type IntakeRun = { posted: Posted[]; startedAt: number; scheduleEndedAt: number; endedAt: number };

/**
 * Open-loop intake: request i is due at start + i / rate and is issued then, whatever the earlier
 * ones are doing, through the public `POST /api/tickets` over at most `connections` keep-alive
 * connections (hundreds would overflow a busy server's accept queue and fail at connect). A server that
 * falls behind builds a queue here; requests still queued `drainMs` after the schedule ends are
 * abandoned unsent (reported, so a saturated server shows as such and the run stays bounded);
 * those already sent are awaited. `intake` builds request i's body (benchIntake unless given).
 */
export async function postTicketsOpenLoop(
  url: string,
  options: { count: number; ratePerSecond: number; firstIndex: number; drainMs: number; connections: number; intake?: (index: number) => Intake },
): Promise<IntakeRun> {
  const { count, ratePerSecond, firstIndex, drainMs } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  try {
    const startedAt = performance.now();
    const requests: IntakeRequest[] = [];
    for (let offset = 0; offset < count; offset++) {
      const dueAt = startedAt + (offset * 1000) / ratePerSecond;
      const wait = dueAt - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      requests.push(postOne(agent, new URL('/api/tickets', url), firstIndex + offset, dueAt, options.intake ?? benchIntake));
    }
    const scheduleEndedAt = performance.now();
    const all = Promise.all(requests.map((request) => request.answer));
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, drainMs)))]);
    clearTimeout(timer);
    requests.forEach((request) => request.abandonIfUnsent());
    const posted = await all;
    return { posted, startedAt, scheduleEndedAt, endedAt: Math.max(...posted.filter((entry) => entry.outcome === 'created').map((entry) => entry.answeredAt)) };
  } finally {
    agent.destroy();
  }
}

type IntakeRequest = { answer: Promise<Posted>; abandonIfUnsent(): void };

function postOne(agent: http.Agent, target: URL, index: number, dueAt: number, intake: (index: number) => Intake): IntakeRequest {
  const issuedAt = performance.now();
  const body = JSON.stringify(intake(index));
  let sentAt: number | null = null;
  const request = http.request(target, {
    agent,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    timeout: ANSWER_TIMEOUT_MS,
  });
  const answer = new Promise<Posted>((resolve) => {
    const finish = (outcome: Posted['outcome'], status: number, ticket: Posted['ticket'], error: string | null) =>
      resolve({ index, dueAt, issuedAt, sentAt, answeredAt: performance.now(), outcome, status, ticket, error });
    request.once('socket', () => (sentAt = performance.now()));
    request.once('timeout', () => request.destroy(new Error(`no answer within ${ANSWER_TIMEOUT_MS} ms`)));
    request.once('error', (error) => finish(sentAt === null ? 'not_sent' : 'failed', 0, null, error.message));
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', (error) => finish('failed', response.statusCode ?? 0, null, error.message));
      response.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          const parsed = JSON.parse(text) as { id?: string; number?: number; error?: string };
          if (response.statusCode === 201 && parsed.id && parsed.number) finish('created', 201, { id: parsed.id, number: parsed.number }, null);
          else finish('failed', response.statusCode ?? 0, null, parsed.error ?? 'no ticket in the answer');
        } catch {
          finish('failed', response.statusCode ?? 0, null, `not JSON: ${text.slice(0, 120)}`);
        }
      });
    });
  });
  request.end(body);
  return {
    answer,
    abandonIfUnsent: () => {
      if (sentAt === null) request.destroy(new Error(NOT_SENT));
    },
  };
}

/**
 * Who holds each ticket now, as the server says (`GET /api/tickets/:number` with an admin's
 * session): ticket id → assignee id, or null while it waits. `parallel` requests at a time.
 */
export async function readAssignees(url: string, adminToken: string, tickets: readonly { id: string; number: number }[], parallel = 16): Promise<Map<string, string | null>> {
  const assignees = new Map<string, string | null>();
  let next = 0;
  const worker = async () => {
    while (next < tickets.length) {
      const ticket = tickets[next++]!;
      const response = await fetch(`${url}/api/tickets/${ticket.number}`, { headers: { authorization: `Bearer ${adminToken}` } });
      if (response.status !== 200) throw new Error(`GET /api/tickets/${ticket.number} answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { id: string; assigneeId: string | null };
      if (body.id !== ticket.id) throw new Error(`ticket #${ticket.number} has id ${body.id}, intake said ${ticket.id}`);
      assignees.set(ticket.id, body.assigneeId);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return assignees;
}

/** Signs the admin in over HTTP (one argon2id verify): the only sign-in of the benchmark. */
export async function signIn(url: string, credentials: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (response.status !== 200 || !body.token) throw new Error(`admin sign-in failed (${response.status}): ${body.error ?? 'no token'}`);
  return body.token;
}
