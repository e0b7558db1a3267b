#!/usr/bin/env node
// N instances of a server on loopback ports and HAProxy in front, until Ctrl-C.
//
//   node launch.mjs [--instances 3] [--port 8080] [--target filesystem|floor]
//   node launch.mjs --instances 2 -- node servers/sqlite/dist/index.js --read-only db.sqlite
//
// Instances get `--http --port 0` appended. Clients use http://127.0.0.1:<port>/mcp; when they use
// another name for the proxy, pass it with --allowed-hosts so the instances accept that Host.
import { parseArgs } from 'node:util';
import { startCluster } from './lib/cluster.mjs';

const { values, positionals } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    port: { type: 'string', default: '8080' },
    target: { type: 'string', default: 'filesystem' },
    'allowed-hosts': { type: 'string' },
  },
  allowPositionals: true,
});

const [command, ...args] = positionals;
// A command of our own has no known cheap tool; the load test needs one of the named targets.
const target = command ? { command, args, tool: undefined } : values.target;
const extraArgs = values['allowed-hosts'] ? ['--allowed-hosts', values['allowed-hosts']] : [];

const cluster = await startCluster({
  target,
  instances: Number(values.instances),
  port: Number(values.port),
  extraArgs,
}).catch((error) => {
  process.stderr.write(`launch: ${error.message}\n`);
  process.exit(1);
});

process.stderr.write(`MCP endpoint: ${cluster.url.href} (HAProxy config: ${cluster.configFile})\n`);
for (const instance of cluster.instances) {
  process.stderr.write(`  ${instance.name}: ${instance.url.href} (pid ${instance.pid})\n`);
}
process.stderr.write('Ctrl-C stops HAProxy and the instances (SIGTERM: running calls drain first).\n');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cluster.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
