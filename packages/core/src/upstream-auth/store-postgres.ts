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

/**
 * The token store for several hosts: PostgreSQL through a `pg` pool. Every instance behind the
 * balancer shares it, so a flow started on one instance completes on another, and a state is
 * taken by exactly one of them (`DELETE … RETURNING` is atomic).
 */
export async function openPostgresStore(connectionString: string): Promise<TokenStore> {
  let pg: typeof import('pg');
  try {
    // Loaded on demand: only multi-host deployments need it.
    pg = createRequire(import.meta.url)('pg') as typeof import('pg');
  } catch (error) {
    throw new ConfigError(
      `the PostgreSQL token store needs pg beside this server (npm install pg): ${(error as Error).message}`,
    );
  }
  const pool = new pg.Pool({ connectionString, max: 5 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  try {
    await pool.query(`
      CREATE TABLE IF NOT EXISTS ${LINKS_TABLE} (
        provider TEXT NOT NULL, subject TEXT NOT NULL, sealed TEXT NOT NULL, login TEXT NOT NULL,
        scopes TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (provider, subject));
      CREATE TABLE IF NOT EXISTS ${PENDING_TABLE} (
        key TEXT PRIMARY KEY, kind TEXT NOT NULL, provider TEXT NOT NULL, subject TEXT NOT NULL,
        sealed TEXT NOT NULL, expires_at BIGINT NOT NULL);
    `);
  } catch (error) {
    await pool.end().catch(() => {});
    // Security: the connection string may hold a password; only the driver's reason is shown.
    throw new ConfigError(`cannot use the PostgreSQL token store: ${(error as Error).message}`);
  }
  return {
    async getLink(provider, subject) {
      const { rows } = await pool.query(
        `SELECT provider, subject, sealed, login, scopes, updated_at FROM ${LINKS_TABLE} WHERE provider = $1 AND subject = $2`,
        [provider, subject],
      );
      const row = rows[0] as LinkRow | undefined;
      return row && linkFromRow(row);
    },
    async putLink(record: LinkRecord) {
      await pool.query(
        `INSERT INTO ${LINKS_TABLE} (provider, subject, sealed, login, scopes, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (provider, subject) DO UPDATE SET sealed = EXCLUDED.sealed, login = EXCLUDED.login,
           scopes = EXCLUDED.scopes, updated_at = EXCLUDED.updated_at`,
        linkValues(record),
      );
    },
    async deleteLink(provider, subject) {
      const result = await pool.query(`DELETE FROM ${LINKS_TABLE} WHERE provider = $1 AND subject = $2`, [
        provider,
        subject,
      ]);
      return (result.rowCount ?? 0) > 0;
    },
    async putPending(key, record: PendingRecord) {
      await pool.query(`DELETE FROM ${PENDING_TABLE} WHERE expires_at < $1`, [Date.now()]);
      await pool.query(
        `INSERT INTO ${PENDING_TABLE} (key, kind, provider, subject, sealed, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [key, record.kind, record.provider, record.subject, record.sealed, record.expiresAt],
      );
    },
    async takePending(key, kind: PendingKind, now) {
      const { rows } = await pool.query(
        `DELETE FROM ${PENDING_TABLE} WHERE key = $1 AND kind = $2 RETURNING provider, subject, sealed, expires_at`,
        [key, kind],
      );
      return pendingFromRow(rows[0] as PendingRow | undefined, kind, now);
    },
    async peekPending(key, kind: PendingKind, now) {
      const { rows } = await pool.query(
        `SELECT provider, subject, sealed, expires_at FROM ${PENDING_TABLE} WHERE key = $1 AND kind = $2`,
        [key, kind],
      );
      return pendingFromRow(rows[0] as PendingRow | undefined, kind, now);
    },
    close: () => pool.end(),
  };
}
