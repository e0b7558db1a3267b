import path from 'node:path';
import { ConfigError } from '@refmcp/core';

/** One database the server serves, as the operator named it. */
export interface DatabaseSpec {
  /** What tools take as `database`; `main` for a single bare path. */
  name: string;
  /** Absolute path of the file, or `:memory:`. */
  file: string;
  readOnly: boolean;
  /** Attached read-only, under its name, to the connections of every other database. */
  attached: boolean;
}

/** The name a single bare path gets: SQLite's own name for a connection's first database. */
export const DEFAULT_NAME = 'main';

/**
 * A name is also the schema name of an ATTACH and appears in SQL (`SELECT … FROM archive.t`), so
 * it must be a plain identifier; it also keeps `name=path` apart from a path holding `=`.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** SQLite allows 10 attached databases per connection (SQLITE_MAX_ATTACHED). */
export const MAX_ATTACHED = 10;

/**
 * `sales=./sales.db`, repeatable, or one bare path (named `main`), as today. A path that starts
 * with `./` or `/` is never taken for `name=`, so `./a=b.db` is a file.
 */
export function parseDatabaseArgs(args: readonly string[]): Array<{ name: string; file: string }> {
  const parsed = args.map((arg) => {
    const at = arg.indexOf('=');
    const name = at > 0 ? arg.slice(0, at) : '';
    return NAME.test(name) ? { name, given: arg.slice(at + 1) } : { name: undefined, given: arg };
  });
  if (parsed.length === 1 && parsed[0]!.name === undefined) {
    return [{ name: DEFAULT_NAME, file: resolveFile(parsed[0]!.given) }];
  }
  const bare = parsed.find((p) => p.name === undefined);
  if (bare) {
    throw new ConfigError(
      `Several databases must each be named as name=path; "${bare.given}" has no name (names: letters, digits and _, not starting with a digit).`,
    );
  }
  const seen = new Set<string>();
  return parsed.map(({ name, given }) => {
    const key = name!.toLowerCase();
    if (seen.has(key)) throw new ConfigError(`Database name "${name}" is given twice.`);
    seen.add(key);
    if (given === '') throw new ConfigError(`Database "${name}" needs a path after "${name}=".`);
    return { name: name!, file: resolveFile(given) };
  });
}

const resolveFile = (given: string) => (given === ':memory:' ? given : path.resolve(given));

/**
 * Applies `--read-only` (every database), `--read-only-db` and `--attach` (names) to the parsed
 * databases. Every name in a list must be a database, or a typo would quietly leave one writable.
 */
export function databaseSpecs(
  databases: Array<{ name: string; file: string }>,
  flags: { readOnly: boolean; readOnlyDb: readonly string[]; attach: readonly string[] },
): DatabaseSpec[] {
  const names = databases.map((d) => d.name);
  const check = (list: readonly string[], flag: string) => {
    const unknown = list.find((n) => !names.includes(n));
    if (unknown !== undefined) {
      throw new ConfigError(
        `${flag} names "${unknown}", which is not a database (databases: ${names.join(', ')}).`,
      );
    }
  };
  check(flags.readOnlyDb, '--read-only-db');
  check(flags.attach, '--attach');
  if (flags.attach.length > 0 && databases.length < 2) {
    throw new ConfigError('--attach needs at least two databases: one is attached to the others.');
  }
  // Security: a connection's own schemas are called main and temp; an attached database by either
  // name would be ambiguous in SQL.
  const reserved = flags.attach.find((n) => /^(main|temp)$/i.test(n));
  if (reserved !== undefined)
    throw new ConfigError(`A database named "${reserved}" cannot be attached; rename it.`);
  if (flags.attach.length > MAX_ATTACHED) {
    throw new ConfigError(`At most ${MAX_ATTACHED} databases can be attached (SQLite's limit).`);
  }
  return databases.map((d) => {
    const readOnly = flags.readOnly || flags.readOnlyDb.includes(d.name);
    if (d.file === ':memory:' && readOnly) {
      throw new ConfigError(`An in-memory database cannot be read-only: it starts empty (${d.name}).`);
    }
    return { ...d, readOnly, attached: flags.attach.includes(d.name) };
  });
}
