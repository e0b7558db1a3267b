import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('export_query (%s)', (era) => {
  let fx: Fixture;
  let io: string;
  afterEach(async () => {
    try {
      await fx.close();
    } finally {
      rmSync(io, { recursive: true, force: true });
    }
  });

  /** A server whose --io-dir is a temp folder of its own. */
  async function start(limits = {}) {
    io = realpathSync(mkdtempSync(path.join(tmpdir(), 'refmcp-sqlite-io-')));
    const ioLimits = { maxRows: 1000, maxColumns: 50, maxBytes: 1 << 20, ...limits };
    fx = await makeFixture(era, { ioDirectories: [io], ioLimits });
  }

  it('writes CSV and JSON that import_table reads back the same', async () => {
    await start();
    const query =
      "SELECT id, name, city, x'00ff' AS raw, 9007199254740993 AS big FROM customers WHERE id < :n ORDER BY id";
    const csv = await callTool(fx.client, 'export_query', { query, params: { n: 3 }, path: 'c.csv' });
    expect(csv.isError, csv.text).toBe(false);
    expect(csv.structured).toMatchObject({
      path: path.join(io, 'c.csv'),
      rows: 2,
      columns: ['id', 'name', 'city', 'raw', 'big'],
    });
    expect(readFileSync(path.join(io, 'c.csv'), 'utf8')).toBe(
      'id,name,city,raw,big\n1,Ada,London,AP8=,9007199254740993\n2,Grace,,AP8=,9007199254740993\n',
    );
    const json = await callTool(fx.client, 'export_query', {
      query,
      params: { n: 3 },
      path: 'sub.json',
      format: 'json',
    });
    expect(json.isError, json.text).toBe(false);
    expect(JSON.parse(readFileSync(path.join(io, 'sub.json'), 'utf8'))).toEqual([
      { id: 1, name: 'Ada', city: 'London', raw: 'AP8=', big: '9007199254740993' },
      { id: 2, name: 'Grace', city: null, raw: 'AP8=', big: '9007199254740993' },
    ]);
    const back = await callTool(fx.client, 'import_table', { path: 'sub.json', table: 'copy' });
    expect(back.structured).toMatchObject({ rows: 2, created: true });
  });

  it('never replaces a file, never writes a write, and leaves nothing behind a refused export', async () => {
    await start({ maxRows: 5 });
    writeFileSync(path.join(io, 'taken.csv'), 'keep');
    const taken = await callTool(fx.client, 'export_query', { query: 'SELECT 1', path: 'taken.csv' });
    expect(taken.text).toMatch(/taken\.csv already exists/);
    expect(readFileSync(path.join(io, 'taken.csv'), 'utf8')).toBe('keep');
    const write = await callTool(fx.client, 'export_query', {
      query: 'DELETE FROM orders RETURNING id',
      path: 'd.csv',
    });
    expect(write.text).toMatch(/writes/);
    const many = await callTool(fx.client, 'export_query', { query: 'SELECT * FROM orders', path: 'o.csv' });
    expect(many.text).toMatch(/more than the 5 rows an export writes/);
    const outside = await callTool(fx.client, 'export_query', { query: 'SELECT 1', path: '../escape.csv' });
    expect(outside.text).toMatch(/outside the allowed directories/);
    const unknown = await callTool(fx.client, 'export_query', { query: 'SELECT 1', path: 'x.txt' });
    expect(unknown.text).toMatch(/Pass format/);
    expect(readdirSync(io)).toEqual(['taken.csv']);
    expect(readdirSync(fx.dir)).toEqual(['db.sqlite']);
  });
});
