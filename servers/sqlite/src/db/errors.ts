import {
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  TimeoutError,
  ToolError,
} from '@refmcp/core';
import { READ_ONLY_REASON } from '../read-only-reason.js';
import { RunnerFailure } from './process.js';
import type { Refusal } from './protocol.js';

/** Each refusal as the model reads it; `message` is the runner's, for those that carry numbers. */
const REFUSALS: Record<Refusal, (message: string) => ToolError> = {
  not_read_only: () =>
    new PermissionDeniedError('SQLite reports that this statement writes; read_query only runs reads.', {
      hint: 'Use write_query for INSERT, UPDATE, DELETE and schema changes.',
    }),
  returns_no_rows: () =>
    new InvalidInputError(
      'This statement returns no rows (ATTACH, DETACH, BEGIN/COMMIT and PRAGMAs that change connection settings are not offered).',
      { hint: 'read_query runs one SELECT, WITH … SELECT, VALUES or read-only PRAGMA that returns rows.' },
    ),
  not_a_write: () =>
    new InvalidInputError(
      'SQLite reports that this statement does not change the database, so write_query does not run it.',
      {
        hint:
          'Use read_query for SELECT. ATTACH, DETACH, BEGIN/COMMIT/SAVEPOINT and PRAGMAs that only change ' +
          'connection settings are not supported.',
      },
    ),
  vacuum_into: () =>
    new PermissionDeniedError(
      'VACUUM INTO writes a copy of the database to another file, which is not allowed.',
      {
        hint: 'Plain VACUUM (in place) is allowed.',
      },
    ),
  explain: () =>
    new InvalidInputError('EXPLAIN statements do not change anything.', { hint: 'Use explain_query.' }),
  transaction: () =>
    new InvalidInputError('Transaction control is not supported: each call runs in its own transaction.', {
      hint: 'Send the statements one by one, or combine them into one statement.',
    }),
  not_create_table: () =>
    new InvalidInputError(
      'create_table only creates tables; this statement changed something else, so it was rolled back.',
      { hint: 'Use write_query for other statements.' },
    ),
  attached_write: () =>
    new PermissionDeniedError(
      'This statement writes to an attached database; attached databases are read-only.',
      {
        hint: 'Write to that database directly: pass its name as database.',
      },
    ),
  io_limit: (message) =>
    new InvalidInputError(`${message} Nothing was kept.`, {
      hint: 'Split the file or narrow the query, or raise --io-max-rows, --io-max-columns or --io-max-bytes.',
    }),
  io_format: (message) =>
    new InvalidInputError(message, {
      hint: 'Import: CSV with a header line of column names, or a JSON array of objects. Export: a new file name.',
    }),
  result_too_large: (message) =>
    new InvalidInputError(message, {
      hint:
        'Select fewer or shorter columns (substr(column, 1, n) for long text), or raise --max-result-bytes ' +
        '(SQLITE_MAX_RESULT_BYTES).',
    }),
};

/**
 * Turns what the runner reported into an error the model can act on: SQLite's own message, plus
 * what to try next. Anything unrecognised passes through as an internal error.
 */
export function translateError(error: unknown, readOnlyServer = false): unknown {
  const translated = translateOne(error, readOnlyServer);
  if (!(error instanceof RunnerFailure) || error.index === undefined || !(translated instanceof ToolError)) {
    return translated;
  }
  // A batch names the statement that failed, and that nothing of the batch was kept.
  return new ToolError(
    translated.kind,
    `Statement ${error.index + 1} (index ${error.index}) failed, so the whole batch was rolled back and nothing of it was kept: ${translated.message}`,
    { hint: translated.hint },
  );
}

function translateOne(error: unknown, readOnlyServer: boolean): unknown {
  if (error instanceof ToolError || !(error instanceof RunnerFailure)) return error;
  if (error.kind === 'Refused' && readOnlyServer && error.code === 'not_read_only') {
    // write_query is not offered here, so pointing at it would send the model after a missing tool.
    return new PermissionDeniedError('SQLite reports that this statement writes; nothing can write here.', {
      hint: `No statement that changes the database can run: ${READ_ONLY_REASON}.`,
    });
  }
  if (error.kind === 'Refused') {
    return (REFUSALS[error.code as Refusal] ?? REFUSALS.not_read_only)(error.message);
  }
  const message = error.message;
  // csv-parse's errors carry a CSV_ code; JSON.parse throws a SyntaxError.
  const csv = error.code?.startsWith('CSV_') === true;
  if (csv || error.kind === 'SyntaxError') {
    return new InvalidInputError(
      `The file cannot be read as ${csv ? 'CSV' : 'JSON'}: ${message}. Nothing was imported.`,
      {
        hint: 'CSV: a header line of column names, then the same number of fields on every line. JSON: an array of objects.',
      },
    );
  }
  if (/more than one statement/i.test(message)) {
    return new InvalidInputError('Only one SQL statement per call.', {
      hint: 'Send the statements one call at a time.',
    });
  }
  if ((error.kind === 'RangeError' || error.kind === 'TypeError') && /bind|parameter/i.test(message)) {
    return new InvalidInputError(`Parameters do not match the statement: ${message}`, {
      hint: 'Pass params as an array for ? placeholders, or an object keyed by name for :name / @name / $name and by number for ?1, ?2.',
    });
  }
  const code = error.code ?? '';
  if (/no such table/.test(message)) {
    return new NotFoundError(message, { hint: 'Call list_tables (or search_schema) to see the tables.' });
  }
  if (/no such column/.test(message)) {
    return new InvalidInputError(message, { hint: 'Call describe_table to see the columns.' });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new TimeoutError(`${message}: another connection holds a lock.`, {
      hint: 'Retry shortly, or raise --busy-timeout.',
    });
  }
  if (code.startsWith('SQLITE_READONLY') || /not authorized/.test(message)) {
    return new PermissionDeniedError(message, {
      hint: 'The connection for this call cannot change the database or load extensions.',
    });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new InvalidInputError(message, {
      hint: 'The change breaks a constraint; describe_table shows keys, NOT NULL columns and foreign keys.',
    });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new InvalidInputError(`${message}: the file is not a usable SQLite database.`);
  }
  if (code.startsWith('SQLITE_')) {
    return new InvalidInputError(`SQLite: ${message}`, {
      hint: /syntax error|incomplete input/.test(message) ? 'Check the SQL (SQLite dialect).' : undefined,
    });
  }
  return error;
}
