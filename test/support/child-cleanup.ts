/**
 * Last-resort cleanup of what a test started outside its own process (servers, a PostgreSQL
 * cluster, Redis): run when the test process exits, even after a failure that skipped the
 * suite's own teardown. Handlers must be synchronous (an exiting process runs no more I/O turns).
 */
const handlers = new Set<() => void>();
let installed = false;

/** Registers `cleanup` to run at exit; returns a function that unregisters it (call it after a normal stop). */
export function cleanUpAtExit(cleanup: () => void): () => void {
  if (!installed) {
    installed = true;
    const runAll = () => {
      for (const handler of [...handlers]) {
        try {
          handler();
        } catch {
          // Best effort: one failed cleanup must not keep the others from running.
        }
      }
      handlers.clear();
    };
    process.once('exit', runAll);
    // Signals skip 'exit' unless handled: clean up, then die of the same signal.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        runAll();
        process.kill(process.pid, signal);
      });
    }
  }
  handlers.add(cleanup);
  return () => handlers.delete(cleanup);
}
