/**
 * Child processes and temp folders that must not outlive the dry run, whichever way it ends: normal
 * end, a thrown error, Ctrl-C, SIGTERM or SIGHUP. Every long-lived child leads its own process group,
 * so one kill reaches npx and everything it started (Verdaccio's node, a server, its workers).
 * Undo steps are synchronous: they also run from a signal handler and from 'exit', where nothing
 * asynchronous gets to run.
 */
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const undo = new Set();

/** Registers an undo step; returns a function that runs it now (and unregisters it). */
export function onCleanup(step) {
  const once = () => {
    if (!undo.delete(once)) return;
    try {
      step();
    } catch (error) {
      process.stderr.write(`release:dry: cleanup step failed: ${error.message}\n`);
    }
  };
  undo.add(once);
  return once;
}

/** Runs every undo step, newest first. */
export function cleanUp() {
  for (const step of [...undo].reverse()) step();
}

/** Removes `dir` on the way out. */
export function removeOnCleanup(dir) {
  return onCleanup(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
}

let installed = false;
/** Signals and exits run the undo steps once; call this before starting anything. */
export function installCleanupHandlers() {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      process.stderr.write(`\nrelease:dry: ${signal}, stopping everything it started\n`);
      cleanUp();
      process.exit(code);
    });
  }
  process.once('exit', cleanUp);
}

/**
 * Kills a child's whole process group (it was spawned detached, so it leads one), also after the
 * leader has exited: what it started in the background goes with it.
 */
export function killGroup(child, signal = 'SIGKILL') {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Kills a process and all its descendants, found through `ps`: for children spawned by code we do
 * not control (the SDK's stdio transport), which share our process group. npx, npm's install
 * scripts (node-gyp, make, the compiler) and the server all go.
 */
export function killTree(pid, signal = 'SIGKILL') {
  if (!pid) return;
  let table = '';
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  } catch {
    // No ps: the direct child still goes below.
  }
  const children = new Map();
  for (const line of table.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  // Parents first, so none is left running to start another child after the list was taken.
  const doomed = [pid];
  for (let i = 0; i < doomed.length; i += 1) doomed.push(...(children.get(doomed[i]) ?? []));
  for (const each of doomed) {
    try {
      process.kill(each, signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Starts a long-lived child in its own process group, its output kept (the last 200,000
 * characters) for the error report. Killed on cleanup unless `stop()` ended it first.
 */
export function startGroup(command, args, { cwd, env }) {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      keep(`\n${error.message}\n`);
      resolve(-1);
    });
    child.once('close', (code, signal) => resolve(code ?? signal));
  });
  const kill = onCleanup(() => killGroup(child));
  return {
    child,
    exited,
    output: () => output,
    /** SIGTERM to the group, SIGKILL after `graceMs`; resolves once the leader has exited. */
    async stop(graceMs = 5_000) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child), graceMs);
      await exited;
      clearTimeout(timer);
      kill();
    },
  };
}

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export async function run(command, args, { cwd, env = process.env, timeoutMs = 600_000 } = {}) {
  const started = startGroup(command, args, { cwd, env });
  const timer = setTimeout(() => killGroup(started.child), timeoutMs);
  const code = await started.exited;
  clearTimeout(timer);
  await started.stop();
  if (code !== 0) {
    const tail = started.output().trimEnd().split('\n').slice(-60).join('\n');
    throw new Error(`\`${[command, ...args].join(' ')}\` in ${cwd} ended with ${code}:\n${tail}`);
  }
  return started.output();
}
