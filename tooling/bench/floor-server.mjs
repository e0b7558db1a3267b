#!/usr/bin/env node
// The floor: the smallest SDK v2 server (one no-op tool), with no Host/Origin checks, auth or
// sessions. Whatever a refmcp server costs per call above this is ours; this much is the SDK's
// and Node's. Over stdio by default (the SQLite suite's per-call floor); with --http over
// Streamable HTTP (createMcpHandler and the Node adapter, the HTTP suite's floor), with the same
// flags and log line as our servers: node floor-server.mjs --http --port <n>
//
// With --sqlite <file> --sql <statement> it also has a tool `rows` that runs the statement in
// process with better-sqlite3 and answers with the rows as JSON text, as a minimal database
// server would: the SQLite suite's floor for a big result.
//
// With --dir <path> it also has the filesystem server's `list_allowed_directories`, the same
// text and structured answer under the same output schema: the HTTP suite's floor, so both
// sides send the client the same reply and differ only in what the server does to produce it.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';

const { values } = parseArgs({
  options: {
    http: { type: 'boolean' },
    port: { type: 'string', default: '0' },
    sqlite: { type: 'string' },
    sql: { type: 'string' },
    dir: { type: 'string' },
  },
  strict: false,
});

const statement = values.sqlite ? openStatement(values.sqlite, values.sql) : undefined;

// Built once: zod compiles a parser per schema object, which a server built per request would
// otherwise pay on every call.
const directoriesSchema = values.dir
  ? (({ z }) => z.object({ directories: z.array(z.string()) }))(serverRequire('filesystem', 'zod'))
  : undefined;

/** A dependency of one of our servers (the bench does not depend on it directly). */
function serverRequire(server, id) {
  return createRequire(new URL(`../../servers/${server}/package.json`, import.meta.url))(id);
}

/** The server's own better-sqlite3 (the bench does not depend on it directly). */
function openStatement(file, sql) {
  const Database = serverRequire('sqlite', 'better-sqlite3');
  return new Database(file, { readonly: true }).prepare(sql);
}

function floor() {
  const server = new McpServer({ name: 'floor', version: '0.0.0' });
  server.registerTool('noop', { description: 'Does nothing.' }, async () => ({
    content: [{ type: 'text', text: 'ok' }],
  }));
  if (statement) {
    server.registerTool('rows', { description: 'Runs the statement.' }, async () => ({
      content: [{ type: 'text', text: JSON.stringify(statement.all()) }],
    }));
  }
  if (values.dir) {
    const directories = [values.dir];
    server.registerTool(
      'list_allowed_directories',
      {
        description: 'Lists the directories this server may access.',
        outputSchema: directoriesSchema,
      },
      async () => ({
        content: [{ type: 'text', text: `Allowed directories:\n${directories.join('\n')}` }],
        structuredContent: { directories },
      }),
    );
  }
  return server;
}

if (!values.http) {
  await floor().connect(new StdioServerTransport());
} else {
  // The SDK's own serving model: a new server per request, 2025-era requests served statelessly.
  const mcp = toNodeHandler(createMcpHandler(floor));
  const http = createServer((req, res) => {
    mcp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  http.listen(Number(values.port), '127.0.0.1', () => {
    const url = `http://127.0.0.1:${http.address().port}/mcp`;
    process.stderr.write(`${JSON.stringify({ msg: 'serving Streamable HTTP', url })}\n`);
  });
  process.once('SIGTERM', () => {
    http.close(() => process.exit(0));
    http.closeAllConnections();
  });
}
