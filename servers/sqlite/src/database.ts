import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@refmcp/core';
import Database from 'better-sqlite3';
import type { SqliteConfig } from './config.js';

export interface PreparedDatabase {
  /** The file the worker processes open. */
  file: string;
  /** Removes what was created for `:memory:`; a no-op for a real file. */
  dispose(): void;
}

/**
 * Makes sure the database file exists and is a SQLite database, before any client connects, so a
 * wrong path is one line and exit code 2 rather than an error on the first tool call.
 *
 * `:memory:` is served from a private temporary file, deleted on shutdown: the statements run in
 * several worker processes, which cannot share one in-memory database, and a statement stopped on
 * timeout must not take the data with it.
 */
export function prepareDatabase(config: SqliteConfig): PreparedDatabase {
  if (config.database === ':memory:') {
    const dir = mkdtempSync(path.join(tmpdir(), 'refmcp-sqlite-'));
    const file = path.join(dir, 'memory.db');
    new Database(file).close();
    return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(config.database, { readonly: config.readOnly, fileMustExist: config.readOnly });
    db.pragma(`busy_timeout = ${config.busyTimeoutMs}`);
    // Reading the schema cookie fails on anything that is not a SQLite database.
    db.pragma('schema_version', { simple: true });
  } catch (error) {
    throw new ConfigError(`Cannot open ${config.database}: ${(error as Error).message}.`);
  } finally {
    db?.close();
  }
  return { file: config.database, dispose: () => {} };
}
