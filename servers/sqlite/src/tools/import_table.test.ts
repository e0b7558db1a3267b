import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('import_table (%s)', (era) => {
  let fx: Fixture;
  let dir: string;
  afterEach(async () => {
    try {
      await fx.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A server whose --io-dir is a temp folder of its own, with the given files in it. */
  async function start(files: Record<string, string>, limits = {}) {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'refmcp-sqlite-io-')));
    const ioLimits = { maxRows: 1000, maxColumns: 50, maxBytes: 1 << 20, ...limits };
    fx = await makeFixture(era, { ioDirectories: [dir], ioLimits });
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }

  const count = async (sql: string) =>
    (await callTool<{ rows: unknown[][] }>(fx.client, 'read_query', { query: sql })).structured?.rows;

  it('creates a table from a CSV file, quoted fields and a BOM included', async () => {
    await start({
      'people.csv': '\uFEFFname,city,"note, long"\nAda,London,"said ""hi"""\nGrace,,"two\nlines"\n',
    });
    const out = await callTool(fx.client, 'import_table', { path: 'people.csv', table: 'people' });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toEqual({
      table: 'people',
      rows: 2,
      columns: ['name', 'city', 'note, long'],
      created: true,
    });
    expect(await count('SELECT name, city, "note, long" FROM people ORDER BY name')).toEqual([
      ['Ada', 'London', 'said "hi"'],
      ['Grace', '', 'two\nlines'],
    ]);
  });

  it('stores CSV fields written as plain numbers as numbers, and keeps every other spelling as text', async () => {
    await start({
      'stock.csv': 'item,qty,code\napple,3,007\npear,12,1.10\nfig,-2.5,+1\nplum,99999999999999999999,0\n',
    });
    const out = await callTool(fx.client, 'import_table', { path: 'stock.csv', table: 'stock' });
    expect(out.isError, out.text).toBe(false);
    // In an untyped table, text compares above every number: numbers must be stored as numbers.
    expect(await count('SELECT item FROM stock WHERE qty > 4 AND qty < 100 ORDER BY item')).toEqual([
      ['pear'],
    ]);
    expect(await count('SELECT typeof(qty), typeof(code), code FROM stock ORDER BY rowid')).toEqual([
      ['integer', 'text', '007'],
      ['integer', 'text', '1.10'],
      ['real', 'text', '+1'],
      ['text', 'integer', 0],
    ]);
  });

  it('appends JSON objects to an existing table by column name, with its types', async () => {
    await start({
      'more.json': JSON.stringify([
        { name: 'Edsger', email: 'e@x.org', city: 'Austin' },
        { name: 'Barbara', city: null },
      ]),
    });
    const out = await callTool(fx.client, 'import_table', { path: 'more.json', table: 'customers' });
    expect(out.structured).toMatchObject({ rows: 2, created: false });
    expect(await count('SELECT name, email, city FROM customers WHERE id > 3 ORDER BY id')).toEqual([
      ['Edsger', 'e@x.org', 'Austin'],
      ['Barbara', null, null],
    ]);
  });

  it.each([
    ['bad.csv', 'a,b\n1,2\n3\n', /cannot be read as CSV.*Nothing was imported/],
    ['bad.json', '{"a": 1}', /array of objects/],
    ['broken.json', '[{"a": 1}', /cannot be read as JSON/],
    ['dup.csv', 'a,a\n1,2\n', /names a column twice/],
    ['late.csv', 'email\nada@example.com\n', /constraint failed/],
  ])('keeps nothing of %s', async (name, text, message) => {
    await start({ [name]: text });
    const out = await callTool(fx.client, 'import_table', {
      path: name,
      table: name.startsWith('late') ? 'customers' : 'target',
    });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(message);
    expect(
      await count(
        "SELECT (SELECT count(*) FROM sqlite_schema WHERE name = 'target'), (SELECT count(*) FROM customers)",
      ),
    ).toEqual([[0, 3]]);
  });

  it('holds rows, columns and bytes to their caps, all or nothing', async () => {
    const rows = `n\n${Array.from({ length: 20 }, (_, i) => i).join('\n')}\n`;
    await start(
      { 'rows.csv': rows, 'wide.csv': `${Array.from({ length: 51 }, (_, i) => `c${i}`).join(',')}\n` },
      { maxRows: 10 },
    );
    const many = await callTool(fx.client, 'import_table', { path: 'rows.csv', table: 'r' });
    expect(many.text).toMatch(/more than the 10 rows an import takes\. Nothing was kept\.\n.*--io-max-rows/);
    const wide = await callTool(fx.client, 'import_table', { path: 'wide.csv', table: 'w' });
    expect(wide.text).toMatch(/51 columns, more than the 50/);
    expect(await count("SELECT count(*) FROM sqlite_schema WHERE name IN ('r', 'w')")).toEqual([[0]]);
  });

  it('reads only inside --io-dir, whatever the path or link says', async () => {
    const dir = await start({});
    writeFileSync(path.join(fx.dir, 'outside.csv'), 'a\n1\n');
    symlinkSync(path.join(fx.dir, 'outside.csv'), path.join(dir, 'link.csv'));
    for (const p of ['../outside.csv', path.join(fx.dir, 'outside.csv'), 'link.csv', fx.file]) {
      const out = await callTool(fx.client, 'import_table', { path: p, table: 't' });
      expect(out.text, p).toMatch(/^Permission denied: .*outside the allowed directories/);
    }
  });
});

describe('import_table and export_query are off by default', () => {
  it('are not offered without --io-dir, and say which flag offers them', async () => {
    const fx = await makeFixture('legacy');
    try {
      const { tools } = await fx.client.listTools();
      expect(tools.map((t) => t.name)).not.toContain('import_table');
      await expect(callTool(fx.client, 'export_query', { query: 'SELECT 1', path: 'x.csv' })).rejects.toThrow(
        /--io-dir/,
      );
    } finally {
      await fx.close();
    }
  });
});
