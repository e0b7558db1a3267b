import { type McpServer, ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';
import { NotFoundError } from '@refmcp/core';
import type { SqliteDatabase } from './databases.js';
import type { SqliteDeps } from './deps.js';
import { INSIGHTS_URI } from './notify.js';
import { describeTable, listTables, sampleRows, schemaSql } from './schema.js';

const SAMPLE_ROWS = 5;

/** Table names of one database starting with what the user typed (case-insensitive), for completions. */
export async function completeTableName(db: SqliteDatabase, typed: string): Promise<string[]> {
  const prefix = typed.toLowerCase();
  const names = (await listTables(db.pool)).map((t) => t.name);
  return names.filter((n) => n.toLowerCase().startsWith(prefix)).slice(0, 100);
}

/** Database names starting with what the user typed, for completions. */
export function completeDatabaseName(deps: SqliteDeps, typed: string): string[] {
  return deps.databases.names.filter((n) => n.toLowerCase().startsWith(typed.toLowerCase()));
}

export const tableUri = (db: SqliteDatabase, name: string) =>
  `${db.tableUriPrefix}${encodeURIComponent(name)}`;

/**
 * memo://insights as the official server has it, then for each database its schema as SQL and one
 * resource per table: the default database at sqlite://schema and sqlite://table/{name}, the
 * others at sqlite://db/<name>/schema and sqlite://db/<name>/table/{name}.
 */
export function registerResources(server: McpServer, deps: SqliteDeps): void {
  server.registerResource(
    'insights',
    INSIGHTS_URI,
    {
      title: 'Insights memo',
      description: 'Findings recorded with append_insight during this session.',
      mimeType: 'text/plain',
    },
    (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: deps.insights.memo() }] }),
  );
  const several = deps.databases.all.length > 1;
  for (const [i, db] of deps.databases.all.entries()) {
    registerDatabase(server, db, i === 0 ? '' : `-${db.name}`, several);
  }
}

function registerDatabase(server: McpServer, db: SqliteDatabase, suffix: string, several: boolean): void {
  const of = several ? ` of ${db.name}` : '';
  server.registerResource(
    `schema${suffix}`,
    db.schemaUri,
    {
      title: `Database schema${of}`,
      description: `Every CREATE statement in the database${of}. Updated when the schema changes.`,
      mimeType: 'application/sql',
    },
    async (uri) => {
      const sql = await schemaSql(db.pool);
      return {
        contents: [{ uri: uri.href, mimeType: 'application/sql', text: sql || '-- No tables yet.' }],
      };
    },
  );

  const template = new ResourceTemplate(`${db.tableUriPrefix}{name}`, {
    list: async () => ({
      resources: (await listTables(db.pool)).map((t) => ({
        uri: tableUri(db, t.name),
        name: t.name,
        title: `${t.type} ${t.name}${of}`,
        mimeType: 'application/json',
      })),
    }),
    complete: { name: (value) => completeTableName(db, value) },
  });
  server.registerResource(
    `table${suffix}`,
    template,
    {
      title: `Table${of}`,
      description: `Columns, indexes, foreign keys and the first ${SAMPLE_ROWS} rows of one table or view${of}.`,
      mimeType: 'application/json',
    },
    async (uri, variables) => {
      const raw = String(variables.name ?? '');
      let name: string;
      try {
        name = decodeURIComponent(raw);
      } catch {
        throw new ResourceNotFoundError(uri.href, `Malformed table name in ${uri.href}`);
      }
      const table = await describeTable(db.pool, name).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new ResourceNotFoundError(uri.href, error.message);
        throw error;
      });
      const sample = await sampleRows(db.pool, table, SAMPLE_ROWS);
      const body = { ...table, sample: { columns: sample.columns, rows: sample.rows } };
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 1) }],
      };
    },
  );
}
