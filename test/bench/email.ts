import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { envSetting } from './env-setting';
import { runMailGenerator, type MailGeneratorReport } from './mail-generator';
import { signIn } from './push-load';
import { freePort, startServerProcess, type ServerProcess } from './push-server';
import { distributionLine, header, within } from './report';

const SETTINGS = {
  mails: envSetting('EMAIL_MAILS', 3_000, 10, 100_000),
  replies: envSetting('EMAIL_REPLIES', 1_000, 10, 100_000),
};
const WARM_UP = 300;
const PHASES = [
  { concurrency: 1, share: 0.2 },
  { concurrency: 8, share: 0.4 },
  { concurrency: 32, share: 0.4 },
];
const REPLY_CONCURRENCY = 8;
const DESK = 'support@bench.example';
const ADMIN = { email: 'admin@bench.example', password: 'bench-admin-password-1' };

/** The relay: a real SMTP server in this process that notes when each mail arrived, by its Message-ID. */
async function startSink() {
  const arrivals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4_096) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<([^>]+)>/im.exec(head)?.[1];
        if (id) arrivals.set(id.toLowerCase(), performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, arrivals, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Email throughput: customers' mails into tickets over SMTP (the built-in listener, each mail a
 * new ticket with its acknowledgement queued and mailed), then agents' replies mailed out through
 * a real SMTP relay. The SMTP load generator runs in its own process; the relay runs here.
 */
export async function emailBench(): Promise<void> {
  const { mails, replies } = SETTINGS;
  header('email: inbound SMTP mails into tickets, outbound mail through the relay', [
    `inbound: distinct ~900-byte plain-text mails (own Message-ID, 500 senders) to the built-in SMTP listener from a generator process, closed loop over pooled connections; ${WARM_UP} of warm-up, then ${PHASES.map((phase) => `c=${phase.concurrency} ${Math.round(mails * phase.share)}`).join(', ')}; each opens a ticket (routing, SLA timers, acknowledgement queued in the same commit)`,
    `outbound: every acknowledgement, then ${replies} agent replies (POST /api/tickets/:n/messages, ${REPLY_CONCURRENCY} at once from this process), sent by the server's outbox to a real SMTP relay (smtp-server) in this process`,
    'one server process (SQLite, synchronous=FULL, group commit), TIERDESK_RATE_LIMITS=off, LOG_LEVEL=warn; EMAIL_MAILS, EMAIL_REPLIES',
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-email-'));
  const sink = await startSink();
  const smtpPort = await freePort();
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess(dataDir, {
      env: {
        TIERDESK_SMTP_PORT: String(smtpPort),
        TIERDESK_MAIL_FROM: DESK,
        TIERDESK_SMTP_RELAY_URL: `smtp://127.0.0.1:${sink.port}`,
        TIERDESK_ADMIN_EMAIL: ADMIN.email,
        TIERDESK_ADMIN_PASSWORD: ADMIN.password,
      },
    });
    await runMailGenerator({ port: smtpPort, to: DESK, concurrency: 8, count: WARM_UP, firstIndex: 0 });
    let sent = WARM_UP;
    console.log('--- inbound ---------------------------------------------------------------');
    for (const phase of PHASES) {
      const count = Math.round(mails * phase.share);
      const cpuBefore = server.cpuMs();
      const report = await runMailGenerator({ port: smtpPort, to: DESK, concurrency: phase.concurrency, count, firstIndex: sent });
      sent += count;
      printInbound(report, server.cpuMs() - cpuBefore);
    }

    const acknowledgements = await within('every acknowledgement at the relay', 300_000, untilArrived(sink.arrivals, sent));
    console.log('--- outbound --------------------------------------------------------------');
    const spanMs = acknowledgements.lastAt - acknowledgements.firstAt;
    console.log(`acknowledgements: ${sent} at the relay, the last ${(spanMs / 1000).toFixed(1)} s after the first: ${rate(sent, spanMs)} mails/s, sent while the inbound phases ran`);

    const token = await signIn(server.url, ADMIN);
    const numbers = await ticketNumbers(server.url, token, Math.min(replies, sent));
    const postedAt = new Map<string, number>();
    const cpuBefore = server.cpuMs();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < numbers.length) {
        const number = numbers[next++]!;
        const at = performance.now();
        const response = await fetch(`${server!.url}/api/tickets/${number}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'reply', body: `Thank you for writing about #${number}. Please restart the printer and tell us whether the error stays.` }),
        });
        const body = (await response.json()) as { id?: string; error?: string };
        if (response.status !== 201 || !body.id) throw new Error(`reply to #${number} failed (${response.status}): ${body.error}`);
        postedAt.set(`${body.id}@bench.example`, at);
      }
    };
    await Promise.all(Array.from({ length: REPLY_CONCURRENCY }, worker));
    const postsDone = performance.now();
    await within('every reply at the relay', 300_000, untilArrived(sink.arrivals, sent + numbers.length));
    const mailed = [...postedAt].map(([id, at]) => (sink.arrivals.get(id) ?? Number.NaN) - at).filter(Number.isFinite);
    const lastArrival = Math.max(...[...postedAt.keys()].map((id) => sink.arrivals.get(id) ?? 0));
    console.log(`replies: ${numbers.length} posted in ${((postsDone - started) / 1000).toFixed(1)} s (${rate(numbers.length, postsDone - started)}/s); all at the relay ${((lastArrival - started) / 1000).toFixed(1)} s after the first post: ${rate(numbers.length, lastArrival - started)} mails/s end to end`);
    console.log(distributionLine('reply posted → at the relay', mailed, 30));
    console.log(`server CPU over the reply phase: ${((server.cpuMs() - cpuBefore) / numbers.length).toFixed(2)} ms per reply (storing it, queueing and sending its mail)`);
  } finally {
    await server?.stop();
    await sink.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function printInbound(report: MailGeneratorReport, serverCpuMs: number): void {
  const verdict = report.failed > 0 ? `, ${report.failed} refused (${report.failures.join('; ')})` : '';
  console.log(`c=${report.concurrency}: ${report.accepted} mails stored as tickets in ${(report.elapsedMs / 1000).toFixed(1)} s: ${rate(report.accepted, report.elapsedMs)} mails/s${verdict}`);
  console.log(distributionLine('  end of DATA → 250 (committed)', report.latenciesMs, 30));
  console.log(`  CPU per mail: server ${(serverCpuMs / Math.max(1, report.accepted)).toFixed(2)} ms, generator ${(report.cpuMs / Math.max(1, report.accepted)).toFixed(2)} ms`);
}

/** The newest `count` ticket numbers, through the listing API (GET /api/tickets, 100 a page). */
async function ticketNumbers(url: string, token: string, count: number): Promise<number[]> {
  const numbers: number[] = [];
  let cursor: string | null = null;
  while (numbers.length < count) {
    const response = await fetch(`${url}/api/tickets?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as { tickets: { number: number }[]; nextCursor: string | null };
    numbers.push(...page.tickets.map((ticket) => ticket.number));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return numbers.slice(0, count);
}

const rate = (count: number, ms: number) => (ms > 0 ? (count / (ms / 1000)).toFixed(1) : '∞');

async function untilArrived(arrivals: Map<string, number>, count: number): Promise<{ firstAt: number; lastAt: number }> {
  while (arrivals.size < count) await new Promise((resolve) => setTimeout(resolve, 100));
  const times = [...arrivals.values()];
  return { firstAt: Math.min(...times), lastAt: Math.max(...times) };
}
