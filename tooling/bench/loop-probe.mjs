// Preloaded into a server by the responsiveness suite (`node --import loop-probe.mjs server.js`):
// a 5 ms timer that reports, on stderr, every turn that came late, with the CPU time the process
// used meanwhile. On a busy machine a late ping mixes two causes, work that holds the event loop
// and a process waiting for a CPU; the CPU time tells them apart (it is what the stall would
// cost on an idle machine, or less: GC and I/O threads count too). Only stderr is written.
const TICK_MS = 5;
/** Turns later than this are reported; shorter ones cannot move a 250 ms target. */
const REPORT_MS = 20;

let lastWall = performance.now();
let lastCpu = process.cpuUsage();
setInterval(() => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const lateMs = wall - lastWall - TICK_MS;
  const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
  lastWall = wall;
  lastCpu = cpu;
  if (lateMs < REPORT_MS && cpuMs < REPORT_MS) return;
  // Wall-clock time, so the bench can match a stall with the call that ran then.
  const at = performance.timeOrigin + wall;
  process.stderr.write(`\nrefmcp-loop-probe ${JSON.stringify({ at, lateMs, cpuMs })}\n`);
}, TICK_MS).unref();
