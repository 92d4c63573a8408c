import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../core';
import { openDatabase } from '../../server/store/database';
import { insertGroup } from '../../server/store/groups-repository';
import { seedGroupHistory } from '../support/group-history';
import { distributionLine, header, mib } from './report';
import { dataFolderBytes, startServerProcess } from './push-server';
import { seedAgents } from './seed-agents';

const STAGES = [1_000, 10_000, 100_000, 1_000_000];
const OWN_ROWS = 300;
const SAMPLES = 60;

type PullAnswer = { ok: boolean; documents: unknown[]; checkpoint: { seq: number; id: string } | null; error?: string };

/**
 * Pull cost against the size of other groups' history: one agent whose groups hold 100 tickets
 * (300 feed rows) pulls from a server whose feed also holds 1k … 1M rows of a group they are not
 * in. Before pulls selected by scope, each pull scanned the shared feed (1.5 s at 20k rows).
 */
export async function pullBench(): Promise<void> {
  header('pull: a small group’s pulls while other groups’ history grows', [
    `the server in its own process (SQLite, temp dir); one agent socket (socket.io-client, this process); the agent's groups hold ${OWN_ROWS / 3} tickets (${OWN_ROWS} feed rows)`,
    `other groups' history: ${STAGES.map((size) => size.toLocaleString('en')).join(' → ')} feed rows (one ticket + two messages per three rows), seeded into the store between stages`,
    `per stage, ${SAMPLES} sequential pulls of each shape; then /api/health timed while 20 pulls of 500 documents are in flight`,
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-bench-pull-'));
  try {
    const desk = await seedAgents(dataDir, 1);
    const agent = desk.agents[0]!;
    const database = await openDatabase({ dataDir, databaseUrl: null });
    const foreignGroupId = randomUUID();
    const generalId = (await database.db.selectFrom('groups').select('id').where('name', '=', 'General').executeTakeFirstOrThrow()).id;
    await insertGroup(database.db, { id: foreignGroupId, name: 'Foreign', categories: ['foreign'] }, Date.now());
    await seedGroupHistory(database, generalId, OWN_ROWS);
    await database.close();

    let seeded = 0;
    for (const size of STAGES) {
      const seedStarted = performance.now();
      const seeding = await openDatabase({ dataDir, databaseUrl: null });
      await seedGroupHistory(seeding, foreignGroupId, size - seeded);
      await seeding.close();
      seeded = size;
      const seedSeconds = (performance.now() - seedStarted) / 1000;

      const server = await startServerProcess(dataDir, { env: { TIERDESK_RATE_LIMITS: 'off' } });
      const socket = await connect(server.url, agent.token);
      try {
        const pull = (collection: string, checkpoint: PullAnswer['checkpoint'], batchSize: number) =>
          socket.timeout(30_000).emitWithAck('sync:pull', { collection, checkpoint, batchSize }) as Promise<PullAnswer>;
        const own = await pull('messages', null, OWN_ROWS);
        if (!own.ok || own.documents.length !== (OWN_ROWS / 3) * 2) throw new Error(`expected the agent's ${(OWN_ROWS / 3) * 2} messages, got ${own.documents.length}`);
        const timed = async (run: () => Promise<PullAnswer>) => {
          const samples: number[] = [];
          for (let index = 0; index < SAMPLES; index++) {
            const started = performance.now();
            const answer = await run();
            if (!answer.ok) throw new Error(`pull refused: ${answer.error}`);
            samples.push(performance.now() - started);
          }
          return samples;
        };
        const firstPage = await timed(() => pull('tickets', null, 500));
        const afterOwn = await timed(() => pull('messages', own.checkpoint, 1));

        const inFlight = Array.from({ length: 20 }, () => pull('messages', null, 500));
        const health: number[] = [];
        for (let index = 0; index < 20; index++) {
          const started = performance.now();
          await fetch(`${server.url}/api/health`);
          health.push(performance.now() - started);
        }
        await Promise.all(inFlight);

        console.log(`\n  ${size.toLocaleString('en')} foreign rows (seeded in ${seedSeconds.toFixed(1)} s; data folder ${mib(dataFolderBytes(dataDir))}; server RSS ${mib(server.rss())})`);
        console.log(distributionLine('tickets from start, 500', firstPage, 34));
        console.log(distributionLine('messages after own rows, 1', afterOwn, 34));
        console.log(distributionLine('/api/health during 20 pulls', health, 34));
      } finally {
        socket.disconnect();
        await server.stop();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { auth: { token, protocolVersion: PROTOCOL_VERSION, presence: 'away' }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect_error: ${error.message}`)));
  });
}
