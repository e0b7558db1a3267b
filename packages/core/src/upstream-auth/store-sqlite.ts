import { chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ConfigError } from '../errors.js';
import {
  LINKS_TABLE,
  type LinkRecord,
  type LinkRow,
  linkFromRow,
  linkValues,
  PENDING_TABLE,
  type PendingKind,
  type PendingRecord,
  type PendingRow,
  pendingFromRow,
  type TokenStore,
} from './store.js';

type Database = import('better-sqlite3').Database;

/**
 * The token store for one host: a SQLite file (WAL, so calls read while a callback writes). The
 * file holds sealed tokens only; it is created with mode 0600 all the same.
 */
export function openSqliteStore(file: string): TokenStore {
  let BetterSqlite: typeof import('better-sqlite3');
  try {
    // Loaded on demand: only deployments with per-user tokens need the native module.
    BetterSqlite = createRequire(import.meta.url)('better-sqlite3') as typeof import('better-sqlite3');
  } catch (error) {
    throw new ConfigError(
      `the SQLite token store needs better-sqlite3 beside this server (npm install better-sqlite3): ${(error as Error).message}`,
    );
  }
  let db: Database;
  try {
    db = new BetterSqlite(file);
    // Security: sealed tokens are still nobody else's business. SQLite gives the -wal and -shm
    // files the database file's permissions, so this comes before WAL mode.
    if (file !== ':memory:') chmodSync(file, 0o600);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new ConfigError(`cannot open the token store ${file}: ${(error as Error).message}`);
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${LINKS_TABLE} (
      provider TEXT NOT NULL, subject TEXT NOT NULL, sealed TEXT NOT NULL, login TEXT NOT NULL,
      scopes TEXT NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (provider, subject));
    CREATE TABLE IF NOT EXISTS ${PENDING_TABLE} (
      key TEXT PRIMARY KEY, kind TEXT NOT NULL, provider TEXT NOT NULL, subject TEXT NOT NULL,
      sealed TEXT NOT NULL, expires_at INTEGER NOT NULL);
  `);
  const get = db.prepare(
    `SELECT provider, subject, sealed, login, scopes, updated_at FROM ${LINKS_TABLE} WHERE provider = ? AND subject = ?`,
  );
  const put = db.prepare(
    `INSERT INTO ${LINKS_TABLE} (provider, subject, sealed, login, scopes, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (provider, subject) DO UPDATE SET sealed = excluded.sealed, login = excluded.login,
       scopes = excluded.scopes, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare(`DELETE FROM ${LINKS_TABLE} WHERE provider = ? AND subject = ?`);
  const putPending = db.prepare(
    `INSERT INTO ${PENDING_TABLE} (key, kind, provider, subject, sealed, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const takePending = db.prepare(
    `DELETE FROM ${PENDING_TABLE} WHERE key = ? AND kind = ? RETURNING provider, subject, sealed, expires_at`,
  );
  const peekPending = db.prepare(
    `SELECT provider, subject, sealed, expires_at FROM ${PENDING_TABLE} WHERE key = ? AND kind = ?`,
  );
  const sweep = db.prepare(`DELETE FROM ${PENDING_TABLE} WHERE expires_at < ?`);

  return {
    async getLink(provider, subject) {
      const row = get.get(provider, subject) as LinkRow | undefined;
      return row && linkFromRow(row);
    },
    async putLink(record: LinkRecord) {
      put.run(...linkValues(record));
    },
    async deleteLink(provider, subject) {
      return remove.run(provider, subject).changes > 0;
    },
    async putPending(key, record: PendingRecord) {
      sweep.run(Date.now());
      putPending.run(key, record.kind, record.provider, record.subject, record.sealed, record.expiresAt);
    },
    async takePending(key, kind: PendingKind, now) {
      return pendingFromRow(takePending.get(key, kind) as PendingRow | undefined, kind, now);
    },
    async peekPending(key, kind: PendingKind, now) {
      return pendingFromRow(peekPending.get(key, kind) as PendingRow | undefined, kind, now);
    },
    async close() {
      db.close();
    },
  };
}
