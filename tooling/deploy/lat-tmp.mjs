import { readFileSync } from 'node:fs';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { clientOptionsFor } from '@refmcp/core/testing';
import { TARGETS } from './lib/cluster.mjs';
import { startInstance } from './lib/instances.mjs';

const era = process.argv[2] ?? 'modern';
const spec = TARGETS[process.argv[3] ?? 'floor'];
const { command, args } = await spec.prepare('/tmp');
const i = await startInstance({ name: 'a', command, args });
const cpu = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const client = new Client({ name: 'x', version: '0' }, clientOptionsFor(era));
await client.connect(new StreamableHTTPClientTransport(i.url));
for (let j = 0; j < 50; j++) await client.callTool({ name: spec.tool, arguments: {} });
const s0 = cpu(i.pid),
  c0 = process.cpuUsage(),
  t = performance.now();
for (let j = 0; j < 300; j++) await client.callTool({ name: spec.tool, arguments: {} });
const c1 = process.cpuUsage(c0);
console.log(
  era,
  'wall ms/call',
  ((performance.now() - t) / 300).toFixed(2),
  'client cpu ms/call',
  ((c1.user + c1.system) / 1000 / 300).toFixed(2),
  'server cpu ms/call',
  ((cpu(i.pid) - s0) / 300).toFixed(2),
);
await client.close();
await i.stop();
