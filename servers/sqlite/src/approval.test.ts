import { fileURLToPath } from 'node:url';
import type { TestEra } from '@refmcp/core/testing';
import { answerApprovals, CAN_ASK_USER, callTool, spawnStdio } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDatabase } from './test-helpers.js';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

async function start(era: TestEra, answer: 'accept' | 'decline', ...flags: string[]) {
  const db = makeDatabase();
  const server = await spawnStdio({
    command: process.execPath,
    args: [BIN, ...flags, db.file],
    era,
    client: CAN_ASK_USER,
  });
  const asked = answerApprovals(server.client, answer);
  const close = async () => {
    await server.close();
    db.cleanup();
  };
  const count = async (table: string) => {
    const out = await callTool<{ rows: number[][] }>(server.client, 'read_query', {
      query: `SELECT count(*) FROM ${table}`,
    });
    return out.structured!.rows[0]![0];
  };
  return { client: server.client, asked, close, count };
}

describe.each(['legacy', 'modern'] as const)(
  'write_query asks before what the engine says destroys (%s era)',
  (era) => {
    let close: (() => Promise<void>) | undefined;
    afterEach(async () => close?.());

    it('asks about deletes, drops and alters, and nothing else', async () => {
      const s = await start(era, 'accept');
      close = s.close;
      const run = (query: string) => callTool(s.client, 'write_query', { query });
      expect(
        (await run("INSERT INTO customers (name, email) VALUES ('Eve', 'eve@example.com')")).isError,
      ).toBe(false);
      expect(
        (await run("UPDATE customers SET name = 'Evelyn' WHERE email = 'eve@example.com'")).isError,
      ).toBe(false);
      expect(s.asked).toEqual([]);
      // A REPLACE that hits a unique key deletes the old row: the engine says so, the text does not.
      await run("REPLACE INTO customers (name, email) VALUES ('Eve 2', 'eve@example.com')");
      await run('DELETE FROM orders WHERE id = 1');
      await run('DELETE FROM orders');
      await run('ALTER TABLE customers ADD COLUMN phone TEXT');
      await run('DROP TABLE orders');
      expect(s.asked.map((q) => q.replace(/^Run on [^:]+: /, ''))).toEqual([
        "REPLACE INTO customers (name, email) VALUES ('Eve 2', 'eve@example.com') — it deletes rows. This cannot be undone. Go ahead?",
        'DELETE FROM orders WHERE id = 1 — it deletes rows. This cannot be undone. Go ahead?',
        'DELETE FROM orders — it deletes rows. This cannot be undone. Go ahead?',
        'ALTER TABLE customers ADD COLUMN phone TEXT — it alters a table. This cannot be undone. Go ahead?',
        'DROP TABLE orders — it drops a table, view, index or trigger. This cannot be undone. Go ahead?',
      ]);
      // The view over the dropped table is listed as broken rather than failing the whole list.
      const tables = await callTool(s.client, 'list_tables', {});
      expect(tables.text).toMatch(/^big_orders \(view, broken: .*no such table: main\.orders/m);
      expect(tables.text).not.toMatch(/^orders /m);
    });

    it('asks once for a whole batch, naming what each statement destroys', async () => {
      const s = await start(era, 'accept');
      close = s.close;
      const plain = await callTool(s.client, 'write_batch', {
        statements: [
          { query: "INSERT INTO customers (name) VALUES ('Eve')" },
          { query: 'UPDATE orders SET total = 1' },
        ],
      });
      expect(plain.isError, plain.text).toBe(false);
      expect(s.asked).toEqual([]);
      const out = await callTool(s.client, 'write_batch', {
        statements: [
          { query: "INSERT INTO customers (name) VALUES ('Ann')" },
          { query: 'DELETE FROM orders WHERE id = 1' },
          { query: 'DROP VIEW big_orders' },
        ],
      });
      expect(out.isError, out.text).toBe(false);
      expect(s.asked).toEqual([
        'Run 3 statements in one transaction on db.sqlite; it deletes rows and drops a table, view, index or trigger: ' +
          '#1 DELETE FROM orders WHERE id = 1 (deletes rows); #2 DROP VIEW big_orders (drops a table, view, index or trigger). ' +
          'This cannot be undone. Go ahead?',
      ]);
    });

    it('keeps nothing of a batch the user declines', async () => {
      const s = await start(era, 'decline');
      close = s.close;
      const out = await callTool(s.client, 'write_batch', {
        statements: [
          { query: "INSERT INTO customers (name) VALUES ('Ann')" },
          { query: 'DELETE FROM orders' },
        ],
      });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/^The user declined: Run 2 statements .*Nothing was done; do not retry/);
      expect(await s.count('customers')).toBe(3);
      expect(await s.count('orders')).toBe(30);
    });

    it('does nothing when the user declines, and tells the model not to retry', async () => {
      const s = await start(era, 'decline');
      close = s.close;
      const before = await s.count('orders');
      const out = await callTool(s.client, 'write_query', { query: 'DELETE FROM orders WHERE total > 0' });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(
        /^The user declined: Run on .*DELETE FROM orders WHERE total > 0 — it deletes rows\. Nothing was done; do not retry/,
      );
      expect(await s.count('orders')).toBe(before);
      expect(before).toBeGreaterThan(0);
    });
  },
);

describe('a client that cannot ask its user', () => {
  it('is refused a delete by default, and served with --confirm off', async () => {
    const db = makeDatabase();
    try {
      for (const [flags, refused] of [
        [[], true],
        [['--confirm', 'off'], false],
      ] as const) {
        const server = await spawnStdio({
          command: process.execPath,
          args: [BIN, ...flags, db.file],
          era: 'modern',
        });
        try {
          const out = await callTool(server.client, 'write_query', {
            query: 'DELETE FROM orders WHERE id = 2',
          });
          expect(out.isError).toBe(refused);
          if (refused) expect(out.text).toMatch(/cannot ask for it[\s\S]*--confirm off/);
          else expect(out.structured).toMatchObject({ changes: 1 });
        } finally {
          await server.close();
        }
      }
    } finally {
      db.cleanup();
    }
  });
});
