import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../core';
import { peakSampler } from '../bench/push-server';
import { runFloodProcess, type FloodSummary } from '../support/flood-client';
import { startSeededServer, type SeededServer } from '../support/seeded-server';

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.99) - 1)]!;
const MiB = 1024 * 1024;

function connect(url: string, token: string, presence: 'online' | 'away' = 'away'): Promise<Socket> {
  const socket = io(url, { auth: { token, protocolVersion: PROTOCOL_VERSION, presence }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect_error: ${error.message}`)));
  });
}

/**
 * Findings 2 and 6 of the hardening issue, against the server in its own process with its default
 * limits, the flood coming from a third process: one agent flooding pulls drove the server to
 * 4 GB and killed it, and everyone else timed out; presence and viewing floods reached every
 * supervisor. Now a flood is refused with `rate_limited`, memory stays bounded, and another
 * agent's requests stay fast (p99 under 250 ms).
 */
describe('one client cannot stall or exhaust the server', () => {
  let seeded: SeededServer;
  let bystander: Socket;
  let supervisor: Socket;
  let ticketId: string;

  /** Another agent's ordinary requests, timed while `during` runs: a small pull and the health check. */
  async function bystanderLatencies(during: Promise<FloodSummary>): Promise<{ samples: number[]; summary: FloodSummary }> {
    const samples: number[] = [];
    let done = false;
    void during.finally(() => (done = true)).catch(() => undefined);
    // The flood process takes a moment to start; measure from the start anyway (it only adds quiet samples).
    while (!done) {
      let started = performance.now();
      const pulled = (await bystander.timeout(10_000).emitWithAck('sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 20 })) as { ok: boolean };
      samples.push(performance.now() - started);
      expect(pulled.ok).toBe(true);
      started = performance.now();
      expect((await fetch(`${seeded.server.url}/api/health`)).status).toBe(200);
      samples.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { samples, summary: await during };
  }

  const flood = (kind: 'pull' | 'mutations' | 'presence', durationMs: number, inFlight: number) =>
    runFloodProcess({ url: seeded.server.url, token: seeded.desk.agents[1]!.token, kind, durationMs, inFlight, ticketId });

  beforeAll(async () => {
    seeded = await startSeededServer({ agents: 3, supervisors: 1, rows: 9_000 });
    supervisor = await connect(seeded.server.url, seeded.desk.agents[0]!.token);
    bystander = await connect(seeded.server.url, seeded.desk.agents[2]!.token);
    const first = (await bystander.timeout(10_000).emitWithAck('sync:pull', { collection: 'tickets', checkpoint: null, batchSize: 1 })) as { documents: { id: string }[] };
    ticketId = first.documents[0]!.id;
  }, 120_000);
  afterAll(async () => {
    for (const socket of [bystander, supervisor]) socket?.disconnect();
    await seeded?.stop();
  });

  it('refuses a flood of 500-document pulls with rate_limited, keeps memory bounded and others fast', async () => {
    const rssBefore = seeded.server.rss();
    const peak = peakSampler(() => seeded.server.rss(), 100);
    const { samples, summary } = await bystanderLatencies(flood('pull', 8_000, 64));
    const peakRss = peak.stop();
    console.log(`pull flood: ${JSON.stringify(summary)}; server RSS ${(rssBefore / MiB).toFixed(0)} → peak ${(peakRss / MiB).toFixed(0)} MiB; bystander p99 ${p99(samples).toFixed(1)} ms over ${samples.length} requests`);
    expect(summary.sent).toBeGreaterThan(1_000);
    expect(summary.other).toEqual([]);
    // 40,000 documents at once and 4,000 a second after: at most 144 full pages in 8 s.
    expect(summary.served).toBeLessThanOrEqual(150);
    expect(summary.retryAfterOk).toBe(true);
    expect(peakRss - rssBefore).toBeLessThan(300 * MiB);
    expect(p99(samples)).toBeLessThan(250);
    expect((await fetch(`${seeded.server.url}/api/health`)).status).toBe(200);
  }, 60_000);

  it('refuses a mutation flood beyond its rate, and others stay fast', async () => {
    const { samples, summary } = await bystanderLatencies(flood('mutations', 5_000, 8));
    console.log(`mutation flood: ${JSON.stringify(summary)}; bystander p99 ${p99(samples).toFixed(1)} ms`);
    expect(summary.other).toEqual([]);
    // 400 mutations at once and 40 a second after: two pushes of 200, and one more every 5 s.
    expect(summary.served).toBeLessThanOrEqual(3);
    expect(summary.limited).toBeGreaterThan(summary.sent / 2);
    expect(p99(samples)).toBeLessThan(250);
  }, 60_000);

  it('lets a presence and viewing flood reach supervisors a few times a second at most, ending on the last state', async () => {
    const flooderId = seeded.desk.agents[1]!.id;
    const presenceSeen: string[] = [];
    const viewingSeen: string[] = [];
    supervisor.on('presence:changed', (change: { agentId: string; presence: string }) => change.agentId === flooderId && presenceSeen.push(change.presence));
    supervisor.on('collision:changed', (change: { agentId: string; activity: string }) => change.agentId === flooderId && viewingSeen.push(change.activity));
    const seconds = 5;
    const started = performance.now();
    const { samples, summary } = await bystanderLatencies(flood('presence', seconds * 1_000, 32));
    // The flood process has closed its socket: the last word the supervisor hears is "offline".
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const heardFor = (performance.now() - started) / 1_000;
    console.log(`presence flood: ${JSON.stringify(summary)}; the supervisor heard ${presenceSeen.length} presence and ${viewingSeen.length} viewing changes in ${heardFor.toFixed(1)} s; bystander p99 ${p99(samples).toFixed(1)} ms`);
    expect(summary.sent).toBeGreaterThan(2_000);
    // At most one change per 250 ms window and kind, plus the one that opens each window.
    expect(presenceSeen.length).toBeLessThanOrEqual(Math.ceil(heardFor * 4) + 2);
    expect(viewingSeen.length).toBeLessThanOrEqual(Math.ceil(heardFor * 4) + 2);
    expect(presenceSeen.at(-1)).toBe('offline');
    expect(viewingSeen.at(-1)).toBe('left');
    expect(p99(samples)).toBeLessThan(250);
  }, 60_000);
});
