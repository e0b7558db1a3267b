import { type McpServer, ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';
import { NotFoundError } from '@refmcp/core';
import type { SqliteDeps } from './deps.js';
import { INSIGHTS_URI, SCHEMA_URI, TABLE_URI_PREFIX } from './notify.js';
import { describeTable, listTables, sampleRows, schemaSql } from './schema.js';

const SAMPLE_ROWS = 5;

/** Table names starting with what the user typed (case-insensitive), for completions. */
export async function completeTableName(deps: SqliteDeps, typed: string): Promise<string[]> {
  const prefix = typed.toLowerCase();
  const names = (await listTables(deps.db)).map((t) => t.name);
  return names.filter((n) => n.toLowerCase().startsWith(prefix)).slice(0, 100);
}

export const tableUri = (name: string) => `${TABLE_URI_PREFIX}${encodeURIComponent(name)}`;

/** memo://insights as the official server has it, the schema as SQL, and one resource per table. */
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

  server.registerResource(
    'schema',
    SCHEMA_URI,
    {
      title: 'Database schema',
      description: 'Every CREATE statement in the database. Updated when the schema changes.',
      mimeType: 'application/sql',
    },
    async (uri) => {
      const sql = await schemaSql(deps.db);
      return {
        contents: [{ uri: uri.href, mimeType: 'application/sql', text: sql || '-- No tables yet.' }],
      };
    },
  );

  const template = new ResourceTemplate(`${TABLE_URI_PREFIX}{name}`, {
    list: async () => ({
      resources: (await listTables(deps.db)).map((t) => ({
        uri: tableUri(t.name),
        name: t.name,
        title: `${t.type} ${t.name}`,
        mimeType: 'application/json',
      })),
    }),
    complete: { name: (value) => completeTableName(deps, value) },
  });
  server.registerResource(
    'table',
    template,
    {
      title: 'Table',
      description: `Columns, indexes, foreign keys and the first ${SAMPLE_ROWS} rows of one table or view.`,
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
      const table = await describeTable(deps.db, name).catch((error: unknown) => {
        if (error instanceof NotFoundError) throw new ResourceNotFoundError(uri.href, error.message);
        throw error;
      });
      const sample = await sampleRows(deps.db, table, SAMPLE_ROWS);
      const body = { ...table, sample: { columns: sample.columns, rows: sample.rows } };
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body, null, 1) }],
      };
    },
  );
}
