import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { callTool } from './call.js';
import { underPressure } from './pressure.js';
import { spawnStdio } from './stdio.js';

// A server process whose one tool blocks its event loop, built on the compiled package.
const dist = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const script = `
import * as z from 'zod';
import { createMcpApp, readOnly, runCli, toolsOf } from ${JSON.stringify(dist)};
const freeze = toolsOf()({
  name: 'freeze', title: 'Freeze', description: 'Blocks the event loop.', annotations: readOnly({ openWorld: false }),
  inputSchema: z.object({ ms: z.number() }), outputSchema: z.object({ ok: z.boolean() }),
  // Spins for ms of CPU time, not wall time: a busy machine cannot shorten the freeze.
  handler: async ({ ms }) => {
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const until = cpu() + ms;
    while (cpu() < until);
    return { ok: true };
  },
});
await runCli({
  spec: { name: 'frozen', version: '0', summary: 'test', usage: '', options: {} },
  build: (ctx) => createMcpApp({ name: 'frozen', version: '0', tools: [freeze], deps: () => undefined, logger: ctx.logger }),
});
`;

it.skipIf(!existsSync(dist))(
  "sees pings held back by a call that blocks the server, the main thread's CPU time, and peak memory",
  async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: ['--input-type=module', '-e', script],
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    try {
      const calm = await underPressure(server.client, server.pid, () =>
        callTool(server.client, 'freeze', { ms: 0 }),
      );
      const frozen = await underPressure(server.client, server.pid, () =>
        callTool(server.client, 'freeze', { ms: 800 }),
      );
      expect(frozen.outcome).toMatchObject({ ok: true, value: { isError: false } });
      // No ping can be answered while the server's loop is blocked for 800 ms of CPU.
      expect(frozen.maxPingMs).toBeGreaterThanOrEqual(400);
      expect(frozen.maxPingMs).toBeGreaterThan(calm.maxPingMs);
      // Not all 800: the spin counts the whole process's CPU (GC helper threads too) and /proc
      // counts the main thread's in 10 ms ticks (790 seen on Node 26).
      expect(frozen.mainThreadCpuMs).toBeGreaterThanOrEqual(600);
      expect(calm.mainThreadCpuMs).toBeLessThan(400);
      expect(frozen.peakRssBytes).toBeGreaterThan(10 * 1024 * 1024);
    } finally {
      await server.close();
    }
  },
  30_000,
);
