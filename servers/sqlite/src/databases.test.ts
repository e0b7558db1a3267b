import { readFileSync } from 'node:fs';
import type { Client } from '@modelcontextprotocol/client';
import { ConfigError, createLogger, type McpApp } from '@refmcp/core';
import { callTool, connectInProcess } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { databaseSpecs, parseDatabaseArgs } from './database-specs.js';
import { makeDatabase, testConfig } from './test-helpers.js';

describe('database arguments', () => {
  it('names a single bare path main, and takes name=path for several', () => {
    expect(parseDatabaseArgs(['data.db'])).toEqual([
      { name: 'main', file: expect.stringMatching(/\/data\.db$/) },
    ]);
    expect(parseDatabaseArgs(['./a=b.db'])).toEqual([
      { name: 'main', file: expect.stringMatching(/\/a=b\.db$/) },
    ]);
    expect(parseDatabaseArgs(['sales=/x/s.db', 'archive=:memory:'])).toEqual([
      { name: 'sales', file: '/x/s.db' },
      { name: 'archive', file: ':memory:' },
    ]);
  });

  it.each([
    [['a.db', 'b.db'], /each be named as name=path; "a.db" has no name/],
    [['s=/a.db', 'S=/b.db'], /"S" is given twice/],
    [['s=/a.db', 'b='], /"b" needs a path/],
  ])('refuses %j', (args, message) => {
    expect(() => parseDatabaseArgs(args)).toThrow(message);
  });

  const two = [
    { name: 'sales', file: '/s.db' },
    { name: 'archive', file: '/a.db' },
  ];
  it('applies read-only per database and --attach, refusing names that are not databases', () => {
    expect(databaseSpecs(two, { readOnly: false, readOnlyDb: ['archive'], attach: ['archive'] })).toEqual([
      { name: 'sales', file: '/s.db', readOnly: false, attached: false },
      { name: 'archive', file: '/a.db', readOnly: true, attached: true },
    ]);
    const flags = { readOnly: false, readOnlyDb: [], attach: [] };
    expect(() => databaseSpecs(two, { ...flags, readOnlyDb: ['archiv'] })).toThrow(ConfigError);
    expect(() => databaseSpecs(two, { ...flags, attach: ['nope'] })).toThrow(/--attach names "nope"/);
    expect(() => databaseSpecs([two[0]!], { ...flags, attach: ['sales'] })).toThrow(/at least two/);
    expect(() => databaseSpecs([{ name: 'm', file: ':memory:' }], { ...flags, readOnly: true })).toThrow(
      /in-memory database cannot be read-only/,
    );
  });
});

describe.each(['legacy', 'modern'] as const)('several databases in one server (%s)', (era) => {
  let app: McpApp | undefined;
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    try {
      await app?.close();
    } finally {
      app = undefined;
      for (const c of cleanups.splice(0)) c();
    }
  });

  /** sales (writable, the default), archive (read-only, attached) and scratch (writable). */
  async function start(): Promise<{ client: Client; archiveFile: string }> {
    const [sales, archive, scratch] = [
      makeDatabase(),
      makeDatabase('CREATE TABLE old (y); INSERT INTO old VALUES (7), (8);'),
      makeDatabase(null),
    ];
    cleanups.push(sales.cleanup, archive.cleanup, scratch.cleanup);
    const config = testConfig(sales.file, {
      databases: [
        { name: 'sales', file: sales.file, readOnly: false, attached: false },
        { name: 'archive', file: archive.file, readOnly: true, attached: true },
        { name: 'scratch', file: scratch.file, readOnly: false, attached: false },
      ],
    });
    app = createApp(config, { logger: createLogger({ name: 'test', level: 'silent' }) });
    return { client: await connectInProcess(app, { era }), archiveFile: archive.file };
  }

  it('sends each call to the database it names, the first by default', async () => {
    const { client } = await start();
    const listed = await callTool(client, 'list_databases', {});
    expect(listed.text).toBe(
      'sales (db.sqlite; default)\narchive (db.sqlite; read-only, attached)\nscratch (db.sqlite)',
    );
    expect((await callTool(client, 'list_tables', {})).text).toMatch(/^big_orders/);
    expect((await callTool(client, 'list_tables', { database: 'archive' })).text).toBe(
      'old (table, 1 columns)',
    );
    expect((await callTool(client, 'list_tables', { database: 'SCRATCH' })).text).toBe(
      'The database has no tables yet.',
    );
    await callTool(client, 'create_table', { query: 'CREATE TABLE t (x)', database: 'scratch' });
    await callTool(client, 'write_batch', {
      statements: [{ query: 'INSERT INTO t VALUES (1)' }],
      database: 'scratch',
    });
    const read = await callTool(client, 'read_query', {
      query: 'SELECT count(*) FROM t',
      database: 'scratch',
    });
    expect(read.structured).toMatchObject({ rows: [[1]] });
    const missing = await callTool(client, 'read_query', { query: 'SELECT 1', database: 'nope' });
    expect(missing.text).toBe(
      'Not found: No database named "nope".\nThe databases are: sales, archive, scratch (list_databases describes them).',
    );
  });

  it('pages with a cursor only on the database that gave it', async () => {
    const { client } = await start();
    await callTool(client, 'create_table', { query: 'CREATE TABLE customers (id)', database: 'scratch' });
    const query = 'SELECT id FROM customers ORDER BY id';
    const first = await callTool<{ nextCursor?: string }>(client, 'read_query', { query, max_rows: 1 });
    expect(first.structured?.nextCursor).toBeDefined();
    const elsewhere = await callTool(client, 'read_query', {
      query,
      max_rows: 1,
      cursor: first.structured!.nextCursor,
      database: 'scratch',
    });
    expect(elsewhere.isError).toBe(true);
    expect(elsewhere.text).toMatch(/cursor belongs to a different query, parameters or database/);
    const same = await callTool(client, 'read_query', {
      query,
      max_rows: 1,
      cursor: first.structured!.nextCursor,
      database: 'SALES',
    });
    expect(same.structured).toMatchObject({ rows: [[2]] });
  });

  it('keeps a read-only database read-only while the others write', async () => {
    const { client, archiveFile } = await start();
    const before = readFileSync(archiveFile);
    for (const [tool, args] of [
      ['write_query', { query: 'DELETE FROM old' }],
      ['create_table', { query: 'CREATE TABLE n (x)' }],
      ['write_batch', { statements: [{ query: 'DELETE FROM old' }] }],
    ] as const) {
      const out = await callTool(client, tool, { ...args, database: 'archive' });
      expect(out.text, tool).toMatch(
        /^Permission denied: The database archive is read-only.*\n.*--read-only-db/,
      );
    }
    expect(readFileSync(archiveFile).equals(before)).toBe(true);
  });

  it('reads an attached database across, never writes to it, and refuses ATTACH from the model', async () => {
    const { client, archiveFile } = await start();
    const before = readFileSync(archiveFile);
    const across = await callTool(client, 'read_query', {
      query: 'SELECT (SELECT count(*) FROM customers), (SELECT sum(y) FROM archive.old)',
    });
    expect(across.structured).toMatchObject({ rows: [[3, 15]] });
    // A write that reads the attached database is fine; one that writes to it is not.
    await callTool(client, 'create_table', {
      query: 'CREATE TABLE copy AS SELECT * FROM archive.old',
      database: 'scratch',
    });
    for (const query of [
      'INSERT INTO archive.old VALUES (9)',
      'DELETE FROM archive.old',
      'CREATE TABLE archive.n (x)',
      'DROP TABLE archive.old',
    ]) {
      const out = await callTool(client, 'write_query', { query });
      expect(out.text, query).toMatch(/attached databases are read-only/);
      const batch = await callTool(client, 'write_batch', { statements: [{ query }] });
      expect(batch.isError, query).toBe(true);
    }
    for (const query of [`ATTACH '${archiveFile}' AS again`, 'DETACH archive']) {
      expect((await callTool(client, 'read_query', { query })).isError).toBe(true);
      expect((await callTool(client, 'write_query', { query })).isError).toBe(true);
      expect((await callTool(client, 'write_batch', { statements: [{ query }] })).isError).toBe(true);
    }
    expect(readFileSync(archiveFile).equals(before)).toBe(true);
  });

  it('lists resources and completes names for each database', async () => {
    const { client } = await start();
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toEqual(
      expect.arrayContaining([
        'sqlite://schema',
        'sqlite://table/orders',
        'sqlite://db/archive/schema',
        'sqlite://db/archive/table/old',
      ]),
    );
    const schema = await client.readResource({ uri: 'sqlite://db/archive/schema' });
    expect(schema.contents[0]).toMatchObject({ text: 'CREATE TABLE old (y);' });
    const table = await client.readResource({ uri: 'sqlite://db/archive/table/old' });
    expect(JSON.parse(String((table.contents[0] as { text: string }).text))).toMatchObject({
      sample: { rows: [[7], [8]] },
    });
    const complete = await client.complete({
      ref: { type: 'ref/resource', uri: 'sqlite://db/archive/table/{name}' },
      argument: { name: 'name', value: 'o' },
    });
    expect(complete.completion.values).toEqual(['old']);
    const db = await client.complete({
      ref: { type: 'ref/prompt', name: 'explore-table' },
      argument: { name: 'database', value: 'sc' },
    });
    expect(db.completion.values).toEqual(['scratch']);
    const inDb = await client.complete({
      ref: { type: 'ref/prompt', name: 'explore-table' },
      argument: { name: 'table_name', value: '' },
      context: { arguments: { database: 'archive' } },
    });
    expect(inDb.completion.values).toEqual(['old']);
  });
});
