import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres } from '../testing/postgres.js';
import type { TokenStore } from './store.js';
import { openPostgresStore } from './store-postgres.js';
import { openSqliteStore } from './store-sqlite.js';

/**
 * Both token stores against the real thing: a SQLite file, and a PostgreSQL server from the
 * system's packages started here in a temp data directory on a free port and stopped after.
 */
const stores: Array<[string, () => Promise<{ store: TokenStore; stop: () => Promise<void> }>]> = [
  [
    'sqlite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'refmcp-store-'));
      const file = join(dir, 'tokens.db');
      const store = openSqliteStore(file);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      return {
        store,
        stop: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'postgresql',
    async () => {
      const pg = await startPostgres();
      try {
        const store = await openPostgresStore(pg.url);
        return {
          store,
          stop: async () => {
            await store.close();
            await pg.stop();
          },
        };
      } catch (error) {
        await pg.stop();
        throw error;
      }
    },
  ],
];

describe.each(stores)('%s token store', (_name, open) => {
  let store: TokenStore;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, stop } = await open());
  }, 60_000);
  afterAll(async () => {
    await stop?.();
  }, 30_000);

  it('keeps one link per provider and subject, replaced on relink and removed on unlink', async () => {
    const link = {
      provider: 'github',
      subject: 'sub:a',
      sealed: 'v1.x',
      login: 'alice',
      scopes: ['repo'],
      updatedAt: 1,
    };
    await store.putLink(link);
    await store.putLink({ ...link, subject: 'sub:b', login: 'bob' });
    await store.putLink({ ...link, sealed: 'v1.y', scopes: ['repo', 'gist'], updatedAt: 2 });
    expect(await store.getLink('github', 'sub:a')).toEqual({
      ...link,
      sealed: 'v1.y',
      scopes: ['repo', 'gist'],
      updatedAt: 2,
    });
    expect((await store.getLink('github', 'sub:b'))?.login).toBe('bob');
    expect(await store.getLink('slack', 'sub:a')).toBeUndefined();
    expect(await store.deleteLink('github', 'sub:a')).toBe(true);
    expect(await store.deleteLink('github', 'sub:a')).toBe(false);
    expect(await store.getLink('github', 'sub:a')).toBeUndefined();
  });

  it('gives a pending state out once, even to concurrent takers, and never after it expires', async () => {
    const now = Date.now();
    const record = {
      kind: 'state' as const,
      provider: 'github',
      subject: 'sub:a',
      sealed: 's',
      expiresAt: now + 60_000,
    };
    await store.putPending('k1', record);
    const taken = await Promise.all([1, 2, 3].map(() => store.takePending('k1', 'state', now)));
    expect(taken.filter(Boolean)).toEqual([record]);
    await store.putPending('k2', { ...record, kind: 'ticket' });
    expect(await store.peekPending('k2', 'ticket', now)).toMatchObject({ subject: 'sub:a' });
    expect(await store.takePending('k2', 'state', now)).toBeUndefined();
    expect(await store.takePending('k2', 'ticket', now)).toMatchObject({ subject: 'sub:a' });
    await store.putPending('k3', { ...record, expiresAt: now - 1 });
    expect(await store.takePending('k3', 'state', now)).toBeUndefined();
  });
});
