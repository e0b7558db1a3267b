#!/usr/bin/env node
// The floor for the load test: a bare SDK v2 server (createMcpHandler, the Node adapter) with no
// Host/Origin checks, no auth and no sessions, serving the filesystem server's
// `list_allowed_directories` with the same reply and output schema, so the load generator does
// the same work for both. What the refmcp servers cost on top of this is ours; what this costs
// is the SDK's and Node's.
// Usage: node floor-server.mjs --dir <path> --http --port <n>   (--http is accepted for symmetry and ignored)
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';

const { values } = parseArgs({
  options: {
    http: { type: 'boolean' },
    port: { type: 'string', default: '3000' },
    dir: { type: 'string', default: process.cwd() },
  },
  strict: false,
});

// The filesystem server's zod (this package does not depend on it directly). Built once: zod
// compiles a parser per schema object, which a server built per request would pay every call.
const require = createRequire(import.meta.url);
const { z } = createRequire(require.resolve('@refmcp/server-filesystem'))('zod');
const outputSchema = z.object({ directories: z.array(z.string()) });
const directories = [values.dir];

const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'floor', version: '0.0.0' });
  server.registerTool(
    'list_allowed_directories',
    { description: 'Lists the directories this server may access.', outputSchema },
    async () => ({
      content: [{ type: 'text', text: `Allowed directories:\n${directories.join('\n')}` }],
      structuredContent: { directories },
    }),
  );
  return server;
});

const mcp = toNodeHandler(handler);
const http = createServer((req, res) => {
  // The balancer's health check; the floor has no dependencies, so it is always ready.
  if (req.url === '/healthz' || req.url === '/readyz') return void res.writeHead(200).end('ok');
  mcp(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500).end();
  });
});
http.listen(Number(values.port), '127.0.0.1', () => {
  const url = `http://127.0.0.1:${http.address().port}/mcp`;
  // Same log shape as the refmcp servers, so the same launcher finds the port.
  process.stderr.write(`${JSON.stringify({ msg: 'serving Streamable HTTP', url })}\n`);
});
const stop = () => http.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
