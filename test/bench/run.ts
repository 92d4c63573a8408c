import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * `npm run bench` runs every scenario; `npm run bench -- roundtrip queue-query` runs the named
 * ones. Figures are printed for a person to compare; nothing here asserts a timing. Exits non-zero
 * when a scenario fails (setup broken, data missing, a wait timed out).
 *
 * Each scenario runs in its own Node process, so that its memory figures (and its garbage) are its
 * own: 50,000 tickets left from queue-query would otherwise be counted in roundtrip's RSS.
 */
const SCENARIOS: Record<string, () => Promise<void>> = {
  // Loaded on demand: a scenario's process loads only what it needs (not Playwright, say).
  'first-sync': async () => (await import('./first-sync')).firstSync(),
  'queue-query': async () => (await import('./queue-query')).queueQueryBench(),
  roundtrip: async () => (await import('./roundtrip')).roundtrip(),
  push: async () => (await import('./push')).pushBench(),
  fanout: async () => (await import('./fanout')).fanoutBench(),
  kpi: async () => (await import('./kpi')).kpiBench(),
  pull: async () => (await import('./pull')).pullBench(),
  faults: async () => (await import('./faults')).faultsBench(),
  intake: async () => (await import('./intake')).intakeBench(),
  email: async () => (await import('./email')).emailBench(),
  search: async () => (await import('./search')).searchBench(),
};
const CHILD_FLAG = '--scenario-process';
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Inside a scenario's own process: run it, report, exit. */
async function runScenario(name: string): Promise<number> {
  const started = performance.now();
  try {
    await SCENARIOS[name]!();
    console.log(`\n(${name} took ${((performance.now() - started) / 1000).toFixed(1)} s in all)`);
    return 0;
  } catch (error) {
    console.error(`\n${name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
}

function spawnScenario(name: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/bench/run.ts'), CHILD_FLAG, name], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    child.once('error', (error) => {
      console.error(`could not start the ${name} process: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  // The server finds the built console (dist/renderer) relative to the working directory.
  process.chdir(ROOT);
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  if (args[0] === CHILD_FLAG) return runScenario(args[1] ?? '');

  const unknown = args.filter((name) => !(name in SCENARIOS));
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
    return 2;
  }
  const failed: string[] = [];
  for (const name of args.length ? args : Object.keys(SCENARIOS)) {
    if ((await spawnScenario(name)) !== 0) failed.push(name);
  }
  if (failed.length) {
    console.error(`\nbenchmark failed: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

// Exit explicitly: a socket or timer left behind by a failed scenario must not keep the process alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
