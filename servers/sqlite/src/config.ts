import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { ConfigError, packageVersion, toolChoiceFrom, toolChoiceOptions } from '@refmcp/core';
import { checkDatabase } from './database.js';
import { checkNativeModule } from './native.js';
import { toolsFor } from './tools/index.js';

/** Everything the server needs, already validated. Tests build one directly. */
export interface SqliteConfig {
  /** Absolute path of the database file, or `:memory:`. */
  database: string;
  readOnly: boolean;
  /** Rows one read returns when the caller does not say. */
  maxRows: number;
  /** The most rows a caller may ask for in one call. */
  maxRowsCap: number;
  /** A statement running longer than this is stopped (its process is killed). */
  queryTimeoutMs: number;
  /** How long SQLite waits for a lock held by another connection before giving up. */
  busyTimeoutMs: number;
  /** Worker processes for reads; reads beyond this many wait in line. */
  readers: number;
  /** Text cells longer than this (UTF-8 bytes) come back cut, with their full length. */
  maxCellBytes: number;
  /** Rows of one result stop at this many bytes of reply (structured rows and text together). */
  maxResultBytes: number;
  /** How often the schema version is polled while a client is connected (0: never). */
  schemaPollMs: number;
  /** `--tools`: only these tools (empty: all that read-only mode allows). */
  tools: string[];
  excludeTools: string[];
}

export const options = {
  'read-only': {
    type: 'boolean',
    description:
      'Open the database read-only (the file must exist); write_query and create_table are not offered.',
    env: 'SQLITE_READ_ONLY',
  },
  'max-rows': {
    type: 'integer',
    description: 'Rows a query returns when the caller does not pass max_rows.',
    env: 'SQLITE_MAX_ROWS',
    default: 100,
    min: 1,
    placeholder: '<n>',
  },
  'max-rows-cap': {
    type: 'integer',
    description: 'The largest max_rows a caller may ask for.',
    env: 'SQLITE_MAX_ROWS_CAP',
    default: 10_000,
    min: 1,
    placeholder: '<n>',
  },
  'query-timeout': {
    type: 'integer',
    description: 'Stop a statement that runs longer than this many milliseconds.',
    env: 'SQLITE_QUERY_TIMEOUT',
    default: 5000,
    min: 10,
    placeholder: '<ms>',
  },
  'busy-timeout': {
    type: 'integer',
    description: 'How long to wait for a lock held by another connection before failing.',
    env: 'SQLITE_BUSY_TIMEOUT',
    default: 5000,
    min: 0,
    placeholder: '<ms>',
  },
  'max-cell-bytes': {
    type: 'integer',
    description: 'Cut text cells longer than this many bytes (the cut cell ends with its full length).',
    env: 'SQLITE_MAX_CELL_BYTES',
    default: 64 * 1024,
    min: 4096,
    placeholder: '<n>',
  },
  'max-result-bytes': {
    type: 'integer',
    description:
      'Stop a result at this many bytes (rows as JSON plus their text view); the rest comes with its cursor.',
    env: 'SQLITE_MAX_RESULT_BYTES',
    default: 4 * 1024 * 1024,
    min: 64 * 1024,
    // Under the 9 MiB a reply may carry (a stdio client drops a message over 10 MiB).
    max: 8 * 1024 * 1024,
    placeholder: '<n>',
  },
  readers: {
    type: 'integer',
    description: 'Worker processes that run reads in parallel.',
    env: 'SQLITE_READERS',
    default: 2,
    min: 1,
    max: 16,
    placeholder: '<n>',
  },
  ...toolChoiceOptions('SQLITE'),
} as const satisfies OptionSpecs;

export const cliSpec: CliSpec<typeof options> = {
  name: 'refmcp-sqlite',
  // The one place the version is read: --version and the MCP handshake both come from here.
  version: packageVersion(import.meta.url),
  summary: 'MCP server for one SQLite database file.',
  usage: '[options] <database-file>',
  positionals:
    'The database file (also SQLITE_DATABASE). Created if missing, unless --read-only.\n' +
    'Use :memory: for a scratch database that disappears when the server stops.',
  options,
  epilog: 'Example: refmcp-sqlite --read-only --max-rows 50 ./data.db',
};

/** Command line and environment become the config; a mistake the user must fix is a ConfigError. */
export async function loadConfig(ctx: RunContext<typeof options>): Promise<SqliteConfig> {
  const given = ctx.positionals[0] ?? ctx.env.SQLITE_DATABASE;
  if (!given) throw new ConfigError('Give the database file as the first argument (or SQLITE_DATABASE).');
  if (ctx.positionals.length > 1) {
    throw new ConfigError(`One database file per server; got ${ctx.positionals.length} arguments.`);
  }
  const readOnly = ctx.options['read-only'];
  const maxRowsCap = ctx.options['max-rows-cap'];
  const maxRows = ctx.options['max-rows'];
  if (maxRows > maxRowsCap) {
    throw new ConfigError(`--max-rows (${maxRows}) cannot exceed --max-rows-cap (${maxRowsCap}).`);
  }
  const database = given === ':memory:' ? given : path.resolve(given);
  if (database === ':memory:' && readOnly) {
    throw new ConfigError('An in-memory database cannot be read-only: it starts empty.');
  }
  // Before any file is opened: a native module that cannot load is not the database's fault.
  checkNativeModule();
  if (database !== ':memory:') await checkFile(database, readOnly);
  const config: SqliteConfig = {
    database,
    readOnly,
    maxRows,
    maxRowsCap,
    queryTimeoutMs: ctx.options['query-timeout'],
    busyTimeoutMs: ctx.options['busy-timeout'],
    readers: ctx.options.readers,
    maxCellBytes: ctx.options['max-cell-bytes'],
    maxResultBytes: ctx.options['max-result-bytes'],
    schemaPollMs: 1000,
    ...toolChoiceFrom(ctx.options),
  };
  if (database !== ':memory:') checkDatabase(config);
  // An unknown name in --tools or --exclude-tools is a config error, like any other bad value.
  toolsFor(config);
  return config;
}

async function checkFile(file: string, readOnly: boolean): Promise<void> {
  const stats = await stat(file).catch(() => undefined);
  if (stats?.isDirectory()) throw new ConfigError(`${file} is a directory, not a database file.`);
  if (stats) return;
  if (readOnly) {
    throw new ConfigError(`Database file ${file} does not exist; --read-only never creates one.`);
  }
  const parent = await stat(path.dirname(file)).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new ConfigError(`Cannot create ${file}: the directory ${path.dirname(file)} does not exist.`);
  }
}
