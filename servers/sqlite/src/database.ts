import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '@refmcp/core';
import Database from 'better-sqlite3';

/**
 * Makes sure a database file exists and is a SQLite database (creating it unless read-only), so a
 * wrong path is one line and exit code 2 at start rather than an error on the first tool call.
 */
export function checkDatabase(config: { file: string; readOnly: boolean; busyTimeoutMs: number }): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(config.file, { readonly: config.readOnly, fileMustExist: config.readOnly });
    db.pragma(`busy_timeout = ${config.busyTimeoutMs}`);
    // Reading the schema cookie fails on anything that is not a SQLite database.
    db.pragma('schema_version', { simple: true });
  } catch (error) {
    throw new ConfigError(`Cannot open ${config.file}: ${(error as Error).message}.`);
  } finally {
    db?.close();
  }
}

export interface DatabaseFile {
  /** The file the worker processes open. */
  file: string;
  /** Removes what was created for `:memory:`; a no-op for a real file. */
  dispose(): void;
}

/**
 * The file the query processes open. `:memory:` is served from a private temporary file, deleted
 * on shutdown: the statements run in several worker processes, which cannot share one in-memory
 * database, and a statement stopped on timeout must not take the data with it.
 */
export function databaseFile(database: string): DatabaseFile {
  if (database !== ':memory:') return { file: database, dispose: () => {} };
  const dir = mkdtempSync(path.join(tmpdir(), 'refmcp-sqlite-'));
  const file = path.join(dir, 'memory.db');
  new Database(file).close();
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
