import type { Client } from '@modelcontextprotocol/client';
import { createChangeFeed, createLogger } from '@refmcp/core';
import { callTool } from '@refmcp/core/testing';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeNotifier } from './notify.js';
import { type Fixture, makeFixture } from './test-helpers.js';

/** Records change notifications as they arrive. */
function watch(client: Client) {
  const seen: string[] = [];
  client.setNotificationHandler('notifications/resources/list_changed', () => {
    seen.push('list_changed');
  });
  client.setNotificationHandler('notifications/resources/updated', (n) => {
    seen.push(`updated ${n.params.uri}`);
  });
  // Generous: the poll runs every second, and a loaded CI machine can delay it by seconds.
  const waitFor = async (entry: string, ms = 10_000) => {
    const deadline = Date.now() + ms;
    while (!seen.includes(entry)) {
      if (Date.now() > deadline)
        throw new Error(`no "${entry}" within ${ms} ms; saw ${JSON.stringify(seen)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { seen, waitFor };
}

describe('change notifications (2025 era, subscriptions per URI)', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('announces schema changes made through write_query and create_table', async () => {
    fx = await makeFixture('legacy');
    const events = watch(fx.client);
    await fx.client.subscribeResource({ uri: 'sqlite://schema' });
    await callTool(fx.client, 'write_query', { query: 'CREATE TABLE notes (body TEXT)' });
    await events.waitFor('list_changed');
    await events.waitFor('updated sqlite://schema');
    events.seen.length = 0;
    await callTool(fx.client, 'create_table', { query: 'CREATE TABLE tags (name TEXT)' });
    await events.waitFor('updated sqlite://schema');
    // A data-only write changes no schema and announces nothing.
    events.seen.length = 0;
    await callTool(fx.client, 'write_query', { query: "INSERT INTO notes VALUES ('x')" });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(events.seen).toEqual([]);
  });

  it('notices another process changing the schema of the file', async () => {
    fx = await makeFixture('legacy');
    const events = watch(fx.client);
    await fx.client.subscribeResource({ uri: 'sqlite://schema' });
    await fx.client.subscribeResource({ uri: 'sqlite://table/customers' });
    // The poll's baseline goes through the query processes: make sure they are up (slow on a busy
    // machine), then give it a few poll periods, so the change below is seen as a change.
    await callTool(fx.client, 'list_tables');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const other = new Database(fx.file);
    other.exec('ALTER TABLE customers ADD COLUMN phone TEXT');
    other.close();
    await events.waitFor('updated sqlite://schema');
    await events.waitFor('updated sqlite://table/customers');
    await events.waitFor('list_changed');
    const schema = await fx.client.readResource({ uri: 'sqlite://schema' });
    expect(schema.contents[0]).toMatchObject({ text: expect.stringContaining('phone TEXT') });
  });

  it('sends updates only for subscribed URIs, and for the insights memo', async () => {
    fx = await makeFixture('legacy');
    const events = watch(fx.client);
    await callTool(fx.client, 'append_insight', { insight: 'one' });
    await callTool(fx.client, 'write_query', { query: 'CREATE TABLE a (x)' });
    await events.waitFor('list_changed');
    expect(events.seen).toEqual(['list_changed']);
    await fx.client.subscribeResource({ uri: 'memo://insights' });
    await callTool(fx.client, 'append_insight', { insight: 'two' });
    await events.waitFor('updated memo://insights');
    await fx.client.unsubscribeResource({ uri: 'memo://insights' });
    events.seen.length = 0;
    await callTool(fx.client, 'append_insight', { insight: 'three' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.seen).toEqual([]);
  });
});

describe('ChangeNotifier polling', () => {
  it('polls only while a listen stream is open, and publishes what changed to the feed', async () => {
    let polls = 0;
    let version = 1;
    const feed = createChangeFeed();
    const notifier = new ChangeNotifier(
      [
        {
          readVersion: async () => {
            polls++;
            return version;
          },
          schemaUri: 'sqlite://schema',
          tableUriPrefix: 'sqlite://table/',
        },
      ],
      20,
      createLogger({ name: 'test', level: 'silent' }),
      feed,
    );
    const published: string[] = [];
    feed.bus.subscribe((event) => {
      published.push(event.kind === 'resource_updated' ? event.uri : event.kind);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(polls).toBe(0);
    const release = feed.open(['sqlite://schema', 'sqlite://table/t']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(polls).toBeGreaterThan(1);
    version = 2;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published).toEqual(['resources_list_changed', 'sqlite://schema', 'sqlite://table/t']);
    release();
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(polls).toBe(after);
    notifier.close();
  });
});
