// @ts-check
/**
 * Ends this database worker when the server that started it is gone.
 *
 * The worker learns of a normal exit through its IPC channel ('disconnect'), but only when its
 * event loop runs: a runaway statement is one native call, so a worker orphaned mid-query (the
 * server SIGKILLed or OOM-killed) would keep a core busy and the database locked until the query
 * ended, possibly never. A thread of its own keeps looking at the parent process while the main
 * thread is stuck, and kills the whole process (SQLite's journal rolls back a half-done write).
 */
import { Worker } from 'node:worker_threads';

/** How often the watch looks; an orphan burns at most this much CPU before it dies. */
const CHECK_MS = 500;

const WATCH = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  // An orphan is re-parented (to init or a subreaper), so its parent id changes.
  if (process.ppid !== workerData.parent) process.kill(workerData.self, 'SIGKILL');
}, workerData.everyMs);
`;

export function watchForOrphaning() {
  const watch = new Worker(WATCH, {
    eval: true,
    workerData: { parent: process.ppid, self: process.pid, everyMs: CHECK_MS },
    // A cap, not a reservation: a timer needs little, and 4 MiB is too small for a thread to start.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  // The watch must never be the reason this process stays alive, nor a reason it crashes.
  watch.unref();
  watch.on('error', (error) =>
    process.stderr.write(`database worker: orphan watch stopped: ${error.message}\n`),
  );
}
