import http from 'node:http';
import path from 'node:path';
import { closedLoop, runInProcess } from './closed-loop';
import { benchIntake } from './seed-server';

/** What one closed-loop run of the generator measured, as its process reports it. */
export type GeneratorReport = {
  concurrency: number;
  created: number;
  /** Answers other than 201, with their status and body (the first few). */
  failed: number;
  failures: string[];
  /** Request → answer of every created ticket, in ms. */
  latenciesMs: number[];
  elapsedMs: number;
  /** CPU (user + system) the generator's own process spent, in ms: it shares the cores with the server. */
  cpuMs: number;
};

export type GeneratorLoad = { url: string; concurrency: number; count: number; firstIndex: number };

/**
 * Runs the intake load generator in its own Node process (so its CPU is not the benchmark's, and
 * the server's measured CPU is its own), and resolves with its report.
 */
export function runGenerator(load: GeneratorLoad): Promise<GeneratorReport> {
  return runInProcess<GeneratorReport>(path.join(import.meta.dirname, 'intake-generator.ts'), load, 'intake generator');
}

/**
 * Closed loop, as osTicket's peers are measured: `concurrency` clients, each posting the same
 * 300-byte ticket shape through the public `POST /api/tickets` and the next one as soon as the
 * answer came, over keep-alive connections, until `count` tickets were asked for.
 */
async function generate(load: GeneratorLoad): Promise<GeneratorReport> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: load.concurrency });
  const target = new URL('/api/tickets', load.url);
  const run = await closedLoop(load, async (index) => {
    const answer = await post(agent, target, JSON.stringify(benchIntake(index)));
    return answer.status === 201 ? null : `${answer.status} ${answer.body}`;
  });
  agent.destroy();
  const { succeeded, ...measured } = run;
  return { concurrency: load.concurrency, created: succeeded, ...measured };
}

function post(agent: http.Agent, target: URL, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const request = http.request(target, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', (error) => resolve({ status: 0, body: error.message }));
    request.end(body);
  });
}

// Run as the generator's own process: the load comes as one JSON argument, the report goes to stdout.
if (process.argv[1] === import.meta.filename) {
  generate(JSON.parse(process.argv[2] ?? '{}') as GeneratorLoad).then(
    (report) => {
      process.stdout.write(JSON.stringify(report));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
