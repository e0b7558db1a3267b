import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import type { TestEra } from '@refmcp/core/testing';
import { callEveryTool, callTool, connectHttp, runBin, spawnHttpBin, spawnStdio } from '@refmcp/core/testing';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { makeDatabase } from './test-helpers.js';

/** The built binary, exactly as `npx @refmcp/server-sqlite` runs it. */
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** One realistic call per tool, in an order that works. A new tool without an entry fails. */
const CALLS: Record<string, Record<string, unknown>> = {
  list_tables: {},
  describe_table: { table_name: 'orders' },
  search_schema: { pattern: 'cust*' },
  create_table: { query: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)' },
  write_query: { query: 'INSERT INTO notes (body) VALUES (?), (?)', params: ['a', 'b'] },
  read_query: {
    query: 'SELECT body FROM notes WHERE id > :min ORDER BY id',
    params: { min: 0 },
    max_rows: 1,
  },
  explain_query: { query: 'SELECT * FROM orders WHERE customer_id = ?', params: [1] },
  append_insight: { insight: 'Notes work end to end.' },
  list_databases: {},
  write_batch: { statements: [{ query: "INSERT INTO notes (body) VALUES ('c')" }] },
};

/**
 * Several databases: sales (the default, writable), archive (read-only, attached to the others),
 * with files allowed in one folder. Every tool is offered, and each call names a database.
 */
const MULTI_CALLS: Record<string, Record<string, unknown>> = {
  list_databases: {},
  list_tables: { database: 'archive' },
  describe_table: { table_name: 'old', database: 'archive' },
  search_schema: { pattern: 'cust*', database: 'sales' },
  create_table: { query: 'CREATE TABLE copy AS SELECT y FROM archive.old', database: 'sales' },
  write_query: { query: 'INSERT INTO copy SELECT y + 1 FROM archive.old' },
  write_batch: {
    statements: [{ query: 'CREATE TABLE t (y)' }, { query: 'INSERT INTO t SELECT y FROM copy' }],
  },
  read_query: { query: 'SELECT (SELECT sum(y) FROM t), (SELECT count(*) FROM archive.old)' },
  explain_query: { query: 'SELECT * FROM old', database: 'archive' },
  export_query: { query: 'SELECT y FROM old ORDER BY y', path: 'old.csv', database: 'archive' },
  import_table: { path: 'old.csv', table: 'imported' },
  append_insight: { insight: 'Two databases work end to end.' },
};

async function callEveryToolAndRead(client: Client) {
  await callEveryTool(client, CALLS);
  const read = await callTool(client, 'read_query', CALLS.read_query);
  expect(read.structured).toMatchObject({ rows: [['a']], truncated: true });
  const memo = await client.readResource({ uri: 'memo://insights' });
  expect(memo.contents[0]).toMatchObject({ text: expect.stringContaining('Notes work end to end.') });
}

/** A seeded database in a temp folder that goes away after the test, passed or failed. */
function tempDatabase() {
  const db = makeDatabase();
  onTestFinished(db.cleanup);
  return db;
}

describe.each(['legacy', 'modern'] as const)('the built binary (%s era)', (era: TestEra) => {
  it('serves every tool over stdio', async () => {
    const db = tempDatabase();
    const server = await spawnStdio({ command: process.execPath, args: [BIN, db.file], era });
    onTestFinished(() => server.close());
    expect(server.client.getProtocolEra()).toBe(era);
    await callEveryToolAndRead(server.client);
    // Security: stdout carries JSON-RPC only; logs went to stderr.
    expect(server.stderr()).toContain('serving stdio');
  });

  it('serves every tool over Streamable HTTP', async () => {
    const db = tempDatabase();
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN, db.file] });
    onTestFinished(http.stop);
    const client = await connectHttp(http.url, era);
    onTestFinished(() => client.close());
    expect(client.getProtocolEra()).toBe(era);
    await callEveryToolAndRead(client);
  });

  it('serves :memory: across its worker processes', async () => {
    const server = await spawnStdio({ command: process.execPath, args: [BIN, ':memory:'], era });
    onTestFinished(() => server.close());
    await callTool(server.client, 'create_table', { query: 'CREATE TABLE t (x)' });
    await callTool(server.client, 'write_query', { query: 'INSERT INTO t VALUES (42)' });
    const out = await callTool(server.client, 'read_query', { query: 'SELECT x FROM t' });
    expect(out.structured).toMatchObject({ rows: [[42]] });
  });
});

describe('rows of every kind', () => {
  // Over stdio a worker's rows are written into the reply as the worker encoded them; over HTTP
  // they are encoded again from their values. A client must get the same rows either way.
  const QUERY = String.raw`SELECT 'plain' AS a, 'quote " back \ pipe | tab	' AS b, 'line
break' AS c, 'ünïcödé ✓ 𝄞' AS d, 9007199254740993 AS e, -0.5 AS f, NULL AS g, x'00ff' AS h, 1e999 AS i`;
  const ROW = [
    'plain',
    'quote " back \\ pipe | tab\t',
    'line\nbreak',
    'ünïcödé ✓ 𝄞',
    '9007199254740993',
    -0.5,
    null,
    { $blob: 'AP8=', bytes: 2 },
    'Infinity',
  ];

  it('come whole and exact over stdio and over Streamable HTTP', async () => {
    const db = tempDatabase();
    const server = await spawnStdio({ command: process.execPath, args: [BIN, db.file] });
    onTestFinished(() => server.close());
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN, db.file] });
    onTestFinished(http.stop);
    const client = await connectHttp(http.url, 'legacy');
    onTestFinished(() => client.close());
    for (const c of [server.client, client]) {
      const out = await callTool(c, 'read_query', { query: QUERY });
      expect(out.structured).toMatchObject({ rows: [ROW], rowCount: 1, truncated: false });
      expect(out.text).toContain('quote " back \\ pipe \\| tab');
      expect(out.text).toContain('line\\nbreak');
    }
  });
});

/** The arguments for two databases and a files folder, each in a temp folder removed afterwards. */
function multiArgs(): string[] {
  const sales = tempDatabase();
  const archive = makeDatabase('CREATE TABLE old (y); INSERT INTO old VALUES (7), (8);');
  onTestFinished(archive.cleanup);
  const io = makeDatabase(null);
  onTestFinished(io.cleanup);
  return [
    '--read-only-db',
    'archive',
    '--attach',
    'archive',
    '--io-dir',
    io.dir,
    `sales=${sales.file}`,
    `archive=${archive.file}`,
  ];
}

async function callEveryToolOnTwo(client: Client) {
  await callEveryTool(client, MULTI_CALLS);
  const read = await callTool(client, 'read_query', MULTI_CALLS.read_query);
  expect(read.structured).toMatchObject({ rows: [[32, 2]] });
  const imported = await callTool(client, 'read_query', { query: 'SELECT group_concat(y) FROM imported' });
  expect(imported.structured).toMatchObject({ rows: [['7,8']] });
  const refused = await callTool(client, 'write_query', { query: 'DELETE FROM old', database: 'archive' });
  expect(refused.text).toMatch(/The database archive is read-only/);
  const schema = await client.readResource({ uri: 'sqlite://db/archive/schema' });
  expect(schema.contents[0]).toMatchObject({ text: 'CREATE TABLE old (y);' });
}

describe.each(['legacy', 'modern'] as const)(
  'several databases in the built binary (%s era)',
  (era: TestEra) => {
    it('serves every tool over stdio', async () => {
      const server = await spawnStdio({ command: process.execPath, args: [BIN, ...multiArgs()], era });
      onTestFinished(() => server.close());
      await callEveryToolOnTwo(server.client);
    });

    it('serves every tool over Streamable HTTP', async () => {
      const http = await spawnHttpBin({ command: process.execPath, args: [BIN, ...multiArgs()] });
      onTestFinished(http.stop);
      const client = await connectHttp(http.url, era);
      onTestFinished(() => client.close());
      await callEveryToolOnTwo(client);
    });
  },
);

describe('readiness over HTTP', () => {
  it('is ready while statements run, and says so when the file stops being a database', async () => {
    const db = tempDatabase();
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN, db.file] });
    onTestFinished(http.stop);
    const readyz = new URL('/readyz', http.url);
    const ready = await fetch(readyz);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    // Clobber the header in place: the next statement fails, so the balancer should look away.
    await writeFile(db.file, Buffer.alloc(4096, 7));
    expect((await fetch(readyz)).status).toBe(503);
  });
});

describe('2026 era change notifications over stdio', () => {
  it('delivers schema changes on a subscriptions/listen stream', async () => {
    const db = tempDatabase();
    const server = await spawnStdio({ command: process.execPath, args: [BIN, db.file], era: 'modern' });
    onTestFinished(() => server.close());
    const seen: string[] = [];
    server.client.setNotificationHandler('notifications/resources/list_changed', () => {
      seen.push('list_changed');
    });
    server.client.setNotificationHandler('notifications/resources/updated', (n) => {
      seen.push(`updated ${n.params.uri}`);
    });
    const subscription = await server.client.listen({
      resourcesListChanged: true,
      resourceSubscriptions: ['sqlite://schema'],
    });
    await callTool(server.client, 'write_query', { query: 'CREATE TABLE t (x)' });
    const deadline = Date.now() + 10_000;
    while (!seen.includes('updated sqlite://schema') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen).toContain('list_changed');
    expect(seen).toContain('updated sqlite://schema');
    await subscription.close();
  });
});

describe('2026 era change notifications over HTTP', () => {
  it("delivers our own and other processes' schema changes on a listen stream", async () => {
    const db = tempDatabase();
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN, db.file] });
    onTestFinished(http.stop);
    const connect = async () => {
      const client = await connectHttp(http.url, 'modern');
      onTestFinished(() => client.close());
      return client;
    };
    const listener = await connect();
    const caller = await connect();
    const seen: string[] = [];
    listener.setNotificationHandler('notifications/resources/list_changed', () => {
      seen.push('list_changed');
    });
    listener.setNotificationHandler('notifications/resources/updated', (n) => {
      seen.push(`updated ${n.params.uri}`);
    });
    const subscription = await listener.listen({
      resourcesListChanged: true,
      resourceSubscriptions: ['sqlite://schema', 'sqlite://table/t'],
    });
    const waitFor = async (entry: string) => {
      const deadline = Date.now() + 10_000;
      while (!seen.includes(entry) && Date.now() < deadline) await sleep(20);
      expect(seen).toContain(entry);
    };
    // Our own write, made on another connection: reported at once.
    await callTool(caller, 'write_query', { query: 'CREATE TABLE t (x)' });
    await waitFor('updated sqlite://schema');
    expect(seen).toContain('list_changed');
    expect(seen).toContain('updated sqlite://table/t');
    // Another process changes the schema: noticed by the poll (1 s) while the stream is open.
    seen.length = 0;
    const other = new Database(db.file);
    other.exec('CREATE TABLE u (y)');
    other.close();
    await waitFor('updated sqlite://schema');
    expect(seen).toContain('list_changed');
    await subscription.close();
  });
});

describe('read-only mode over stdio', () => {
  it('answers a call to write_query with read-only mode and the flag that changes it', async () => {
    const db = tempDatabase();
    const server = await spawnStdio({ command: process.execPath, args: [BIN, '--read-only', db.file] });
    onTestFinished(() => server.close());
    await expect(callTool(server.client, 'write_query', { query: 'DELETE FROM orders' })).rejects.toThrow(
      'Tool write_query is not offered: the server runs in read-only mode (--read-only or SQLITE_READ_ONLY); restart it without that to allow writes.',
    );
  });
});

describe('command line', () => {
  const run = (args: string[]) => runBin(BIN, args);

  it('exits 2 with one clear line for --read-only on a missing file, and creates nothing', async () => {
    const db = tempDatabase();
    const missing = `${db.dir}/missing.db`;
    const { code, stderr } = await run(['--read-only', missing]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(
      `refmcp-sqlite: Database file ${missing} does not exist; --read-only never creates one.`,
    );
  });

  it('exits 2 for a file that is not a database', async () => {
    const { code, stderr } = await run([BIN]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^refmcp-sqlite: Cannot open .*index\.js: file is not a database\./);
  });
});
