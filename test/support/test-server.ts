import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/start-server';
import type { Level, Role } from '../../core';
import type { Clock } from '../../server/clock';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-1' };

export type TestServer = RunningServer & {
  dataDir: string;
  adminToken: string;
  /** Creates an agent through the admin API and signs them in. */
  signIn(profile: { name: string; role?: Role; level?: Level }): Promise<SignedIn>;
  intake(subject: string, body?: string): Promise<{ id: string; number: number; accessKey: string }>;
  api(method: string, urlPath: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
};

export type SignedIn = { token: string; agent: { id: string; name: string; email: string; role: Role; level: Level }; password: string };

/** The real server on a random port with a temporary data folder (and PostgreSQL when `databaseUrl` is given). */
export type TestServerOptions = {
  databaseUrl?: string;
  /** Reuse a data folder (restart tests); it is then left in place on stop. */
  dataDir?: string;
  env?: Record<string, string>;
  /** A ManualClock makes POST /api/admin/clock/advance available and lets tests move time. */
  clock?: Clock;
};

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tierdesk-test-'));
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TIERDESK_DATA_DIR: dataDir,
    TIERDESK_ADMIN_EMAIL: ADMIN.email,
    TIERDESK_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: process.env.TIERDESK_TEST_LOG_LEVEL ?? 'silent',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  const server = await startServer(config, options.clock);

  const api: TestServer['api'] = async (method, urlPath, { token, body, headers = {} } = {}) => {
    const response = await fetch(`${server.url}${urlPath}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const login = await api('POST', '/api/auth/login', { body: ADMIN });
  const adminToken = login.body.token as string;
  let agentCount = 0;

  return {
    ...server,
    dataDir,
    adminToken,
    api,
    async signIn({ name, role = 'agent', level = 1 }) {
      const email = `agent${++agentCount}.${Date.now()}@test.local`;
      const password = 'agent-password-1';
      const created = await api('POST', '/api/agents', { token: adminToken, body: { email, name, password, role, level } });
      if (created.status !== 201) throw new Error(`could not create agent: ${JSON.stringify(created.body)}`);
      const signedIn = await api('POST', '/api/auth/login', { body: { email, password } });
      return { ...(signedIn.body as Omit<SignedIn, 'password'>), password };
    },
    async intake(subject, body = 'Something is broken') {
      const created = await api('POST', '/api/tickets', { body: { subject, body, requester: { email: 'customer@example.com', name: 'Cleo Customer' } } });
      if (created.status !== 201) throw new Error(`intake failed: ${JSON.stringify(created.body)}`);
      return created.body;
    },
    async stop() {
      await server.stop();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
