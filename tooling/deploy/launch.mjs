#!/usr/bin/env node
// N instances of a server on loopback ports and HAProxy in front, until Ctrl-C.
//
//   node launch.mjs [--instances 3] [--port 8080] [--target filesystem|floor] [limits] [edge tokens]
//   node launch.mjs --instances 2 -- node servers/sqlite/dist/index.js --read-only db.sqlite
//
// Instances get `--http --port 0` appended. Clients use http://127.0.0.1:<port>/mcp; when they use
// another name for the proxy, pass it with --allowed-hosts so the instances accept that Host.
// The limits and edge-token flags are described in README.md; HAProxy's access log goes to stdout.
import { parseArgs } from 'node:util';
import { startCluster } from './lib/cluster.mjs';
import { LIMIT_FLAGS, limitsFromFlags } from './lib/limits.mjs';

const { values, positionals } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    port: { type: 'string', default: '8080' },
    'metrics-port': { type: 'string', default: '8404' },
    target: { type: 'string', default: 'filesystem' },
    'allowed-hosts': { type: 'string' },
    ...LIMIT_FLAGS,
    // OAuth: passed on to every instance, which verifies each token itself.
    'oauth-issuer': { type: 'string' },
    'oauth-jwks-url': { type: 'string' },
    'resource-url': { type: 'string' },
    // Edge checks: HAProxy verifies tokens too, with the authorization server's public key (PEM).
    'edge-jwt-key': { type: 'string' },
    'edge-jwt-alg': { type: 'string', default: 'RS256' },
  },
  allowPositionals: true,
});

const [command, ...args] = positionals;
// A command of our own has no known cheap tool; the load test needs one of the named targets.
const target = command ? { command, args, tool: undefined } : values.target;
const passOn = ['allowed-hosts', 'oauth-issuer', 'oauth-jwks-url', 'resource-url'];
const extraArgs = passOn.flatMap((flag) => (values[flag] === undefined ? [] : [`--${flag}`, values[flag]]));
const edgeJwt = values['edge-jwt-key'] && {
  keyFile: values['edge-jwt-key'],
  alg: values['edge-jwt-alg'],
  issuer: values['oauth-issuer'],
  resourceUrl: values['resource-url'],
};

const cluster = await startCluster({
  target,
  instances: Number(values.instances),
  port: Number(values.port),
  metricsPort: Number(values['metrics-port']),
  extraArgs,
  limits: limitsFromFlags(values),
  edgeJwt,
  onLogLine: (line) => process.stdout.write(`${line}\n`),
}).catch((error) => {
  process.stderr.write(`launch: ${error.message}\n`);
  process.exit(1);
});

const { limits } = cluster;
process.stderr.write(`MCP endpoint: ${cluster.url.href} (HAProxy config: ${cluster.configFile})\n`);
process.stderr.write(`Prometheus metrics: ${cluster.metricsUrl.href}\n`);
process.stderr.write(
  `Limits: ${limits.instanceMaxconn} calls per instance, ${limits.maxQueue} queued (${limits.queueTimeout} at most), ` +
    `${limits.rateLimit} requests per ${limits.ratePeriod} and ${limits.callerConcurrency} calls in flight per caller` +
    `${edgeJwt ? '; tokens checked at the edge' : ''}\n`,
);
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
