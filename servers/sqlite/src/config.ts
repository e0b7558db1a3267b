import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { ConfigError, packageVersion, toolChoiceFrom, toolChoiceOptions } from '@refmcp/core';
import { resolveAllowedDirectories } from '@refmcp/core/sandbox';
import { checkDatabase } from './database.js';
import { type DatabaseSpec, databaseSpecs, parseDatabaseArgs } from './database-specs.js';
import { checkNativeModule } from './native.js';
import { toolsFor } from './tools/index.js';

/** Everything the server needs, already validated. Tests build one directly. */
export interface SqliteConfig {
  /** The databases served, the first being the default for a tool call that names none. */
  databases: DatabaseSpec[];
  /** Every database is read-only: the write tools are not offered. */
  readOnly: boolean;
  /**
   * Real paths of the directories import_table and export_query may read and write files in;
   * empty (the default): those tools are not offered.
   */
  ioDirectories: string[];
  /** The most rows, columns and bytes one import or export may move. */
  ioLimits: IoLimits;
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

export interface IoLimits {
  maxRows: number;
  maxColumns: number;
  maxBytes: number;
}

export const options = {
  'read-only': {
    type: 'boolean',
    description: 'Open every database read-only (the files must exist); the write tools are not offered.',
    env: 'SQLITE_READ_ONLY',
  },
  'read-only-db': {
    type: 'list',
    description:
      'Open these databases read-only (names, comma-separated or repeated); the others stay writable.',
    env: 'SQLITE_READ_ONLY_DB',
    placeholder: '<name,...>',
  },
  attach: {
    type: 'list',
    description:
      'Attach these databases read-only, under their name, to every other database, for queries across them (SELECT … FROM archive.t).',
    env: 'SQLITE_ATTACH',
    placeholder: '<name,...>',
  },
  'io-dir': {
    type: 'list',
    description:
      'Let import_table and export_query read and write CSV/JSON files in this directory (repeatable). Without one, those tools are not offered.',
    env: 'SQLITE_IO_DIRS',
    placeholder: '<dir>',
  },
  'io-max-rows': {
    type: 'integer',
    description: 'The most rows one import or export moves.',
    env: 'SQLITE_IO_MAX_ROWS',
    default: 1_000_000,
    min: 1,
    placeholder: '<n>',
  },
  'io-max-columns': {
    type: 'integer',
    description: 'The most columns an imported or exported table may have.',
    env: 'SQLITE_IO_MAX_COLUMNS',
    default: 1000,
    min: 1,
    // SQLite's own default limit on columns per table.
    max: 2000,
    placeholder: '<n>',
  },
  'io-max-bytes': {
    type: 'integer',
    description: 'The largest file one import reads or one export writes.',
    env: 'SQLITE_IO_MAX_BYTES',
    default: 100 * 1024 * 1024,
    min: 1024,
    placeholder: '<n>',
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
  summary: 'MCP server for SQLite database files.',
  usage: '[options] <database-file> | <name=database-file>...',
  positionals:
    'The database file (also SQLITE_DATABASE), or several as name=path (the first is the default).\n' +
    'Each is created if missing, unless read-only. Use :memory: for a scratch database that\n' +
    'disappears when the server stops.',
  options,
  epilog:
    'Examples: refmcp-sqlite --read-only --max-rows 50 ./data.db\n' +
    '          refmcp-sqlite --read-only-db archive --attach archive sales=./sales.db archive=./archive.db',
};

/** Command line and environment become the config; a mistake the user must fix is a ConfigError. */
export async function loadConfig(ctx: RunContext<typeof options>): Promise<SqliteConfig> {
  const given =
    ctx.positionals.length > 0 ? ctx.positionals : [ctx.env.SQLITE_DATABASE ?? ''].filter(Boolean);
  if (given.length === 0) {
    throw new ConfigError('Give the database file as the first argument (or SQLITE_DATABASE).');
  }
  const databases = databaseSpecs(parseDatabaseArgs(given), {
    readOnly: ctx.options['read-only'],
    readOnlyDb: ctx.options['read-only-db'],
    attach: ctx.options.attach,
  });
  const maxRowsCap = ctx.options['max-rows-cap'];
  const maxRows = ctx.options['max-rows'];
  if (maxRows > maxRowsCap) {
    throw new ConfigError(`--max-rows (${maxRows}) cannot exceed --max-rows-cap (${maxRowsCap}).`);
  }
  // Before any file is opened: a native module that cannot load is not the database's fault.
  checkNativeModule();
  for (const d of databases) {
    const flag = ctx.options['read-only'] ? '--read-only' : '--read-only-db';
    if (d.file !== ':memory:') await checkFile(d.file, d.readOnly, flag);
  }
  const ioDirectories = await resolveAllowedDirectories(ctx.options['io-dir']).catch((error: Error) => {
    throw new ConfigError(`--io-dir: ${error.message}`);
  });
  const config: SqliteConfig = {
    databases,
    readOnly: databases.every((d) => d.readOnly),
    ioDirectories,
    ioLimits: {
      maxRows: ctx.options['io-max-rows'],
      maxColumns: ctx.options['io-max-columns'],
      maxBytes: ctx.options['io-max-bytes'],
    },
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
  for (const d of databases) {
    if (d.file !== ':memory:') checkDatabase({ ...d, busyTimeoutMs: config.busyTimeoutMs });
  }
  // An unknown name in --tools or --exclude-tools is a config error, like any other bad value.
  toolsFor(config);
  return config;
}

async function checkFile(file: string, readOnly: boolean, flag: string): Promise<void> {
  const stats = await stat(file).catch(() => undefined);
  if (stats?.isDirectory()) throw new ConfigError(`${file} is a directory, not a database file.`);
  if (stats) return;
  if (readOnly) {
    throw new ConfigError(`Database file ${file} does not exist; ${flag} never creates one.`);
  }
  const parent = await stat(path.dirname(file)).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new ConfigError(`Cannot create ${file}: the directory ${path.dirname(file)} does not exist.`);
  }
}
