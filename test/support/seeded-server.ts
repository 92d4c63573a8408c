import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServerProcess, type ServerProcess } from '../bench/push-server';
import { seedAgents, type SeededDesk } from '../bench/seed-agents';
import { openDatabase } from '../../server/store/database';
import { updateAgent } from '../../server/store/agents-repository';
import { seedGroupHistory } from './group-history';

export type SeededServer = { server: ServerProcess; desk: SeededDesk; dataDir: string; stop(): Promise<void> };

/**
 * The server in its own process (its memory and CPU measurable from /proc) over a data folder
 * seeded beforehand: `agents` agents in General with live sessions (the first `supervisors` of
 * them supervisors), and `rows` feed rows of General's history (a ticket and two messages per
 * three rows). Limits are on, at their defaults unless `env` says otherwise.
 */
export async function startSeededServer(options: { agents: number; supervisors?: number; rows: number; env?: Record<string, string> }): Promise<SeededServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-seeded-'));
  const desk = await seedAgents(dataDir, options.agents);
  const database = await openDatabase({ dataDir, databaseUrl: null });
  try {
    for (const agent of desk.agents.slice(0, options.supervisors ?? 0)) await updateAgent(database.db, agent.id, { role: 'supervisor' });
    const general = await database.db.selectFrom('groups').select('id').where('name', '=', 'General').executeTakeFirstOrThrow();
    if (options.rows > 0) await seedGroupHistory(database, general.id, options.rows);
  } finally {
    await database.close();
  }
  // The benchmarks' launcher turns limits off; here they are what is under test.
  const server = await startServerProcess(dataDir, { env: { TIERDESK_RATE_LIMITS: 'on', ...options.env } });
  return {
    server,
    desk,
    dataDir,
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
