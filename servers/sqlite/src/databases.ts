import path from 'node:path';
import { type Logger, NotFoundError, PermissionDeniedError } from '@refmcp/core';
import * as z from 'zod';
import type { SqliteConfig } from './config.js';
import { type DatabaseFile, databaseFile } from './database.js';
import { DatabasePool } from './db/pool.js';
import { READ_ONLY_REASON } from './read-only-reason.js';

/** One served database: its worker processes and the URIs of its resources. */
export interface SqliteDatabase {
  name: string;
  /** The file's base name, for approval questions (never the full path). */
  label: string;
  readOnly: boolean;
  /** Attached read-only to the other databases' connections (--attach). */
  attached: boolean;
  pool: DatabasePool;
  /** `sqlite://schema` for the default database, `sqlite://db/<name>/schema` for the others. */
  schemaUri: string;
  /** Table resources are this prefix plus the URI-encoded table name. */
  tableUriPrefix: string;
}

/**
 * The default (first) database keeps the URIs a one-database server always had; the others live
 * under `sqlite://db/<name>/`.
 */
export function uris(name: string, isDefault: boolean): { schemaUri: string; tableUriPrefix: string } {
  const base = isDefault ? 'sqlite://' : `sqlite://db/${name}/`;
  return { schemaUri: `${base}schema`, tableUriPrefix: `${base}table/` };
}

/**
 * Every database of the server, each with its own pool (reads in parallel on read-only
 * connections, writes one at a time, every statement in a worker process that a timeout kills).
 * Tools pick one by the `database` argument; without it, the first.
 */
export class Databases {
  readonly all: readonly SqliteDatabase[];
  readonly #files: DatabaseFile[];

  constructor(config: SqliteConfig, logger: Logger) {
    this.#files = config.databases.map((d) => databaseFile(d.file));
    const attachable = config.databases
      .map((d, i) => ({ name: d.name, file: this.#files[i]!.file, attached: d.attached }))
      .filter((d) => d.attached);
    this.all = config.databases.map((spec, i) => ({
      name: spec.name,
      label: spec.file === ':memory:' ? ':memory:' : path.basename(spec.file),
      readOnly: spec.readOnly,
      attached: spec.attached,
      ...uris(spec.name, i === 0),
      pool: new DatabasePool({
        file: this.#files[i]!.file,
        // A database is never attached to itself.
        attach: attachable.filter((a) => a.name !== spec.name).map(({ name, file }) => ({ name, file })),
        readOnly: spec.readOnly,
        busyTimeoutMs: config.busyTimeoutMs,
        queryTimeoutMs: config.queryTimeoutMs,
        readers: config.readers,
        maxCellBytes: config.maxCellBytes,
        maxResultBytes: config.maxResultBytes,
        logger,
      }),
    }));
  }

  get default(): SqliteDatabase {
    return this.all[0]!;
  }

  get names(): string[] {
    return this.all.map((d) => d.name);
  }

  /** The database a call names (case-insensitive), or the default; a clear error for any other name. */
  get(name: string | undefined): SqliteDatabase {
    if (name === undefined) return this.default;
    const found = this.all.find((d) => d.name.toLowerCase() === name.toLowerCase());
    if (!found) {
      throw new NotFoundError(`No database named ${JSON.stringify(name)}.`, {
        hint: `The databases are: ${this.names.join(', ')} (list_databases describes them).`,
      });
    }
    return found;
  }

  /** Like get, for a call that writes: a read-only database says so, and which flag made it. */
  writable(name: string | undefined): SqliteDatabase {
    const db = this.get(name);
    if (db.readOnly) {
      throw new PermissionDeniedError(`The database ${db.name} is read-only; nothing can write to it.`, {
        hint:
          this.all.length === 1
            ? `${READ_ONLY_REASON}.`
            : 'It was opened read-only (--read-only or --read-only-db); restart the server without that to write to it.',
      });
    }
    return db;
  }

  close(): void {
    for (const d of this.all) d.pool.close();
    for (const f of this.#files) f.dispose();
  }
}

/** The `database` argument every database tool takes. */
export const databaseArg = z
  .string()
  .optional()
  .describe('Which database (see list_databases); default: the first the server was started with');
