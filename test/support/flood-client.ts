import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../core';

/**
 * A client that floods the server from its own process, so that the test measuring everyone
 * else's latency does not share its event loop with the flood (the flood's own answers would
 * otherwise be what the measurement waits for). Run as a script; prints one JSON summary line.
 */
export type FloodKind = 'pull' | 'mutations' | 'presence';
/** `cutOff`: times the server disconnected the flooding socket for ignoring its refusals (it reconnects and goes on). */
export type FloodSummary = { sent: number; served: number; limited: number; cutOff: number; other: string[]; retryAfterOk: boolean };
type FloodOrder = { url: string; token: string; kind: FloodKind; durationMs: number; inFlight: number; ticketId?: string };

type Answer = { ok: boolean; error?: string; retryAfterMs?: number };

/** Starts the flood in a child process and resolves with its summary when it has run its course. */
export function runFloodProcess(order: FloodOrder): Promise<FloodSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'flood-client.ts'), JSON.stringify(order)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`the flood process exited with ${code}: ${output}`));
      resolve(JSON.parse(line) as FloodSummary);
    });
  });
}

async function flood(order: FloodOrder): Promise<FloodSummary> {
  const socket = io(order.url, { auth: { token: order.token, protocolVersion: PROTOCOL_VERSION, presence: 'away' }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  const summary: FloodSummary = { sent: 0, served: 0, limited: 0, cutOff: 0, other: [], retryAfterOk: true };
  let reconnecting: Promise<void> | null = null;
  socket.on('disconnect', () => {
    summary.cutOff += 1;
    reconnecting = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    setTimeout(() => socket.connect(), 100);
  });
  let toggle = 0;
  const send = (): Promise<Answer> => {
    const timed = socket.timeout(30_000);
    if (order.kind === 'pull') return timed.emitWithAck('sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 500 });
    if (order.kind === 'mutations') {
      const mutations = Array.from({ length: 200 }, () => ({ id: randomUUID(), ticketId: order.ticketId, createdAt: Date.now(), type: 'note', payload: { body: 'flood' } }));
      return timed.emitWithAck('mutations:push', { mutations });
    }
    toggle += 1;
    return toggle % 2
      ? timed.emitWithAck('presence:set', { state: toggle % 4 === 1 ? 'online' : 'away', manual: true })
      : timed.emitWithAck('ticket:viewing', { ticketId: order.ticketId, typing: toggle % 4 === 0 });
  };
  const end = performance.now() + order.durationMs;
  const worker = async () => {
    while (performance.now() < end) {
      if (!socket.connected && reconnecting) {
        await reconnecting;
        continue;
      }
      summary.sent += 1;
      const answer = await send().catch((error: unknown) => ({ ok: false, error: String(error) }) as Answer);
      if (answer.ok) summary.served += 1;
      else if (answer.error === 'rate_limited') {
        summary.limited += 1;
        if (!(typeof answer.retryAfterMs === 'number' && answer.retryAfterMs > 0)) summary.retryAfterOk = false;
      } else if (/disconnected|timed out/.test(String(answer.error)) && summary.cutOff > 0) {
        // A request in flight when the server cut the socket off: it was never answered, as intended.
      } else if (summary.other.length < 5) summary.other.push(String(answer.error));
    }
  };
  await Promise.all(Array.from({ length: order.inFlight }, worker));
  socket.removeAllListeners('disconnect');
  socket.disconnect();
  return summary;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  flood(JSON.parse(process.argv[2] ?? '{}') as FloodOrder).then(
    (summary) => {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
