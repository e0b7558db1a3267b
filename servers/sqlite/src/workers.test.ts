import { fileURLToPath } from 'node:url';
import { callTool, childrenOf, spawnStdio, waitUntil } from '@refmcp/core/testing';
import { afterEach, expect, it } from 'vitest';
import { makeDatabase } from './test-helpers.js';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

// A 2025-era stdio connection starts the schema poll at once; its first read used to start a
// reader process of its own next to the one the first call started, 60 MB for nothing.
it.skipIf(process.platform !== 'linux')(
  'the schema poll shares the reader the first call started, and still sees a change',
  async () => {
    const db = makeDatabase();
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN, '--readers', '4', db.file],
    });
    cleanup = async () => {
      await server.close();
      db.cleanup();
    };
    const updates: string[] = [];
    server.client.setNotificationHandler('notifications/resources/updated', (n) => {
      updates.push(n.params.uri);
    });
    await server.client.subscribeResource({ uri: 'sqlite://schema' });
    const out = await callTool(server.client, 'read_query', { query: 'SELECT count(*) FROM customers' });
    expect(out.structured).toMatchObject({ rows: [[3]] });
    // Another process changes the schema: only the poll can notice, on the one reader.
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(db.file);
    other.exec('CREATE TABLE added (id INTEGER PRIMARY KEY)');
    other.close();
    await waitUntil(() => updates.includes('sqlite://schema'), 'the poll to report the new table');
    expect(childrenOf(server.pid!)).toHaveLength(1);
  },
);
