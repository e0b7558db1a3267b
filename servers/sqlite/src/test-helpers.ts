import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createLogger, type McpApp } from '@refmcp/core';
import { connectInProcess, type TestEra } from '@refmcp/core/testing';
import Database from 'better-sqlite3';
import { createApp } from './app.js';
import type { SqliteConfig } from './config.js';
import type { PoolOptions } from './db/pool.js';

export const SEED = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT UNIQUE, city TEXT DEFAULT 'Paris');
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  total REAL NOT NULL,
  placed_at TEXT NOT NULL
);
CREATE INDEX orders_by_customer ON orders(customer_id);
CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
INSERT INTO customers (name, email, city) VALUES ('Ada', 'ada@example.com', 'London'), ('Grace', 'grace@example.com', NULL), ('Linus', 'linus@example.com', 'Helsinki');
INSERT INTO orders (customer_id, total, placed_at)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
  SELECT 1 + i % 3, i * 10.5, date('2024-01-01', '+' || i || ' days') FROM n;
`;

/** A temp directory holding `db.sqlite`, seeded with SEED unless told otherwise. */
export function makeDatabase(seed: string | null = SEED): { dir: string; file: string; cleanup(): void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'refmcp-sqlite-test-')));
  const file = path.join(dir, 'db.sqlite');
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const db = new Database(file);
    if (seed) db.exec(seed);
    db.close();
  } catch (error) {
    cleanup();
    throw error;
  }
  return { dir, file, cleanup };
}

/** A DatabasePool's options for tests: one reader, silent, generous timeouts; override any. */
export function poolOptions(file: string, overrides: Partial<PoolOptions> = {}): PoolOptions {
  return {
    file,
    readOnly: false,
    busyTimeoutMs: 1000,
    queryTimeoutMs: 60_000,
    readers: 1,
    maxCellBytes: 64 * 1024,
    maxResultBytes: 4 * 1024 * 1024,
    logger: createLogger({ name: 'test', level: 'silent' }),
    ...overrides,
  };
}

export function testConfig(file: string, overrides: Partial<SqliteConfig> = {}): SqliteConfig {
  const readOnly = overrides.readOnly ?? false;
  return {
    databases: [{ name: 'main', file, readOnly, attached: false }],
    readOnly,
    ioDirectories: [],
    ioLimits: { maxRows: 1_000_000, maxColumns: 1000, maxBytes: 100 * 1024 * 1024 },
    maxRows: 100,
    maxRowsCap: 10_000,
    queryTimeoutMs: 5000,
    busyTimeoutMs: 1000,
    readers: 2,
    maxCellBytes: 64 * 1024,
    maxResultBytes: 4 * 1024 * 1024,
    schemaPollMs: 100,
    tools: [],
    excludeTools: [],
    ...overrides,
  };
}

export interface Fixture {
  dir: string;
  file: string;
  app: McpApp;
  client: Client;
  /** Another client on the same server (a second connection). */
  connect(era?: TestEra): Promise<Client>;
  close(): Promise<void>;
}

/** A seeded database in a temp dir and a real client connected in-process to a server on it. */
export async function makeFixture(
  era: TestEra = 'legacy',
  overrides: Partial<SqliteConfig> = {},
  seed: string | null = SEED,
): Promise<Fixture> {
  const { dir, file, cleanup } = makeDatabase(seed);
  const app = createApp(testConfig(file, overrides), {
    logger: createLogger({ name: 'test', level: 'silent' }),
  });
  const clients: Client[] = [];
  const connect = async (which: TestEra = era) => {
    const client = await connectInProcess(app, { era: which });
    clients.push(client);
    return client;
  };
  const client = await connect().catch(async (error: unknown) => {
    await app.close().finally(cleanup);
    throw error;
  });
  return {
    dir,
    file,
    app,
    client,
    connect,
    async close() {
      try {
        await Promise.all(clients.map((c) => c.close().catch(() => {})));
        await app.close();
      } finally {
        cleanup();
      }
    },
  };
}
