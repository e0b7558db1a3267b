// @ts-check
/**
 * Ends this database worker when the server that started it is gone.
 *
 * The worker learns of a normal exit through its IPC channel ('disconnect'), but only when its
 * event loop runs: a runaway statement is one native call, so a worker orphaned mid-query (the
 * server SIGKILLed or OOM-killed) would keep a core busy and the database locked until the query
 * ended, possibly never. Something outside the stuck main thread must notice and kill the whole
 * process (SQLite's journal rolls back a half-done write).
 *
 * On Linux that is a shell of its own (about 1 MB): its stdin is a socket whose other end only the
 * server holds (`lifelineFd`), so its `read` returns when the server is gone, however it ended, and
 * it kills its parent, this worker, if that is still its parent (the server also closes the socket
 * when the worker exits by itself; by then the shell has been re-parented). Elsewhere, and when no
 * lifeline was given, a worker thread looks at the parent every 500 ms: it works everywhere but
 * costs a JavaScript heap of its own, 17 MB of RSS in every worker process.
 */
import { spawn } from 'node:child_process';
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

const LIFELINE = `read -r _ || true
read -r _ _ _ parent _ < /proc/$$/stat
[ "$parent" = "$1" ] && kill -9 "$1"`;

/** @param {number | undefined} lifelineFd */
export function watchForOrphaning(lifelineFd) {
  if (lifelineFd !== undefined && process.platform === 'linux') {
    const shell = spawn('/bin/sh', ['-c', LIFELINE, 'refmcp-sqlite-lifeline', String(process.pid)], {
      stdio: [lifelineFd, 'ignore', 'ignore'],
    });
    shell.on('error', (error) => {
      process.stderr.write(`database worker: lifeline shell failed (${error.message}); watching by thread\n`);
      watchByThread();
    });
    shell.unref();
    return;
  }
  watchByThread();
}

function watchByThread() {
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
