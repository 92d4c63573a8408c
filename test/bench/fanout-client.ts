import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type AssignmentNotice, type ClientToServerEvents, type Mutation, type ServerToClientEvents, type StreamBatch } from '../../core';

/**
 * One client process of the fan-out benchmark: a slice of the agent consoles, each a bare
 * socket.io client with its agent's session. The assignee of a pushed ticket works it as an agent
 * would, with follow-up intents spaced over the next second; every console notes when each ticket
 * version reached it in the live stream. Spoken to over Node's IPC channel (see fanout.ts).
 */

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the parent sends: which consoles to open, where, and how to work a pushed ticket. */
export type ClientSlice = {
  consoles: { agentId: string; token: string; url: string; server: number }[];
  followUps: number;
  followUpSpacingMs: number;
  connectBatch: number;
};

/** What one process measured, sent back on `report`. Both clocks are Date.now() on this machine. */
export type ClientReport = {
  /** [ticket id, server the console is on, assignedAt → ticket:assigned ms] per push received. */
  pushes: [string, number, number][];
  /** updatedAt → sync:changed at a console, ms, for every ticket version every console received. */
  streamMs: number[];
  /** mutations:push sent → its acknowledgement, ms. */
  intentAckMs: number[];
  intentsApplied: number;
  intentsRejected: string[];
  unplannedDrops: string[];
  connectMs: number;
  rssBytes: number;
};

export type ToClient = { kind: 'connect'; slice: ClientSlice } | { kind: 'reset' } | { kind: 'report' } | { kind: 'close' };
export type FromClient = { kind: 'connected'; connectMs: number } | { kind: 'report'; report: ClientReport } | { kind: 'failed'; error: string };

const CONNECT_TIMEOUT_MS = 30_000;
const ACK_TIMEOUT_MS = 30_000;
/** What an agent does after taking a pushed ticket, in order; repeated when more follow-ups are asked. */
const WORK: ((ticketId: string, step: number) => Mutation)[] = [
  (ticketId) => ({ id: randomUUID(), ticketId, createdAt: Date.now(), type: 'note', payload: { body: 'Checked the logs: the invoice service answers 500.' } }),
  (ticketId) => ({ id: randomUUID(), ticketId, createdAt: Date.now(), type: 'setPriority', payload: { priority: 'high' } }),
  (ticketId) => ({ id: randomUUID(), ticketId, createdAt: Date.now(), type: 'reply', payload: { body: 'Thank you, we are looking into it and will write back within the hour.' } }),
  (ticketId, step) => ({ id: randomUUID(), ticketId, createdAt: Date.now(), type: 'note', payload: { body: `Follow-up ${step}: waiting for the billing team.` } }),
];

const freshReport = (): ClientReport => ({ pushes: [], streamMs: [], intentAckMs: [], intentsApplied: 0, intentsRejected: [], unplannedDrops: [], connectMs: 0, rssBytes: 0 });
let report = freshReport();
const sockets: AgentSocket[] = [];

function send(message: FromClient): void {
  process.send!(message);
}

function workTicket(socket: AgentSocket, ticketId: string, slice: ClientSlice): void {
  for (let step = 0; step < slice.followUps; step++) {
    setTimeout(() => {
      const mutation = WORK[Math.min(step, WORK.length - 1)]!(ticketId, step);
      const sentAt = performance.now();
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('mutations:push', { mutations: [mutation] })
        .then(
          (answer) => {
            report.intentAckMs.push(performance.now() - sentAt);
            if (!answer.ok) return void report.intentsRejected.push(answer.error);
            for (const outcome of answer.outcomes) {
              if (outcome.state === 'applied') report.intentsApplied++;
              else report.intentsRejected.push(outcome.rejection.code);
            }
          },
          (error: unknown) => report.intentsRejected.push(error instanceof Error ? error.message : String(error)),
        );
    }, (step + 1) * slice.followUpSpacingMs);
  }
}

function open(entry: ClientSlice['consoles'][number], slice: ClientSlice): Promise<void> {
  const socket: AgentSocket = io(entry.url, {
    auth: { token: entry.token, protocolVersion: PROTOCOL_VERSION, presence: 'online' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  sockets.push(socket);
  socket.on('ticket:assigned', (notice: AssignmentNotice) => {
    report.pushes.push([notice.ticketId, entry.server, Date.now() - notice.assignedAt]);
    workTicket(socket, notice.ticketId, slice);
  });
  socket.on('sync:changed', (batch: StreamBatch) => {
    if (batch.collection !== 'tickets') return;
    const receivedAt = Date.now();
    for (const doc of batch.documents) if ('updatedAt' in doc) report.streamMs.push(receivedAt - doc.updatedAt);
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.on('disconnect', (reason) => report.unplannedDrops.push(`${entry.agentId}: ${reason}`));
      resolve();
    });
    socket.once('connect_error', (error) => reject(new Error(`agent ${entry.agentId}: connect_error ${error.message}`)));
  });
}

async function connect(slice: ClientSlice): Promise<number> {
  const started = performance.now();
  for (let start = 0; start < slice.consoles.length; start += slice.connectBatch) {
    await Promise.all(slice.consoles.slice(start, start + slice.connectBatch).map((entry) => open(entry, slice)));
  }
  return performance.now() - started;
}

process.on('message', (message: ToClient) => {
  if (message.kind === 'connect') {
    connect(message.slice).then(
      (connectMs) => {
        report.connectMs = connectMs;
        send({ kind: 'connected', connectMs });
      },
      (error: unknown) => send({ kind: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.kind === 'reset') {
    // After the warm-up: what it measured is left out.
    report = { ...freshReport(), connectMs: report.connectMs };
  } else if (message.kind === 'report') {
    send({ kind: 'report', report: { ...report, rssBytes: process.memoryUsage().rss } });
  } else {
    sockets.forEach((socket) => socket.disconnect());
    process.disconnect();
  }
});
