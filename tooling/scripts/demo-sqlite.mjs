/**
 * The SQLite part of `pnpm demo`: a shop database built from servers/sqlite/examples/sample.sql,
 * then the calls a model would make to answer a business question, plus two the server refuses.
 * demo.mjs lists it in DEMOS.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../servers/sqlite/', import.meta.url));

/** better-sqlite3 as the server itself resolves it: no second copy to install or compile. */
const Database = createRequire(path.join(SERVER, 'package.json'))('better-sqlite3');

const TOP_CUSTOMERS = `WITH spend AS (
  SELECT c.name, c.country, sum(i.quantity * i.unit_cents) / 100.0 AS total
    FROM customers c
    JOIN orders o ON o.customer_id = c.id
    JOIN order_items i ON i.order_id = o.id
   WHERE o.status <> :excluded
   GROUP BY c.id
)
SELECT name, country, round(total, 2) AS total FROM spend ORDER BY total DESC LIMIT :n`;

/** @type {import('./demo.mjs').Demo} */
export default {
  name: 'sqlite',
  bin: 'servers/sqlite/dist/index.js',
  async prepare(dir) {
    const file = path.join(dir, 'shop.db');
    const db = new Database(file);
    db.exec(await readFile(path.join(SERVER, 'examples/sample.sql'), 'utf8'));
    db.close();
    return {
      args: ['--max-rows', '20', file],
      steps: [
        { tool: 'list_tables', args: {} },
        { tool: 'describe_table', args: { table_name: 'order_items' } },
        { tool: 'search_schema', args: { pattern: '*_id', detail: 'names' } },
        { tool: 'read_query', args: { query: TOP_CUSTOMERS, params: { excluded: 'refunded', n: 5 } } },
        {
          tool: 'read_query',
          args: { query: 'SELECT id, name, category FROM products ORDER BY id', max_rows: 3 },
        },
        { tool: 'explain_query', args: { query: 'SELECT * FROM orders WHERE customer_id = ?', params: [7] } },
        {
          tool: 'create_table',
          args: { query: 'CREATE TABLE promotions (code TEXT PRIMARY KEY, percent INTEGER NOT NULL)' },
        },
        {
          tool: 'write_query',
          args: { query: 'INSERT INTO promotions VALUES (?, ?), (?, ?)', params: ['SPRING', 10, 'VIP', 20] },
        },
        {
          tool: 'append_insight',
          args: { insight: 'Brewing gear and gift sets bring in the most revenue; snacks the least.' },
        },
        {
          tool: 'read_query',
          args: { query: 'WITH x AS (SELECT 1) DELETE FROM orders WHERE id IN (SELECT * FROM x)' },
          expectError: true,
        },
        { tool: 'describe_table', args: { table_name: 'orders); DROP TABLE orders; --' }, expectError: true },
      ],
    };
  },
};
