import { completable, type McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { SqliteDatabase } from './databases.js';
import type { SqliteDeps } from './deps.js';
import { completeDatabaseName, completeTableName, tableUri } from './resources.js';

const TOPICS = [
  'retail sales',
  'subscription revenue',
  'support tickets',
  'warehouse inventory',
  'web analytics',
];

function demoText(topic: string, readOnly: boolean): string {
  const build = readOnly
    ? 'The server runs in read-only mode (--read-only), so nothing can be created or changed: work with the tables the database already has, starting with list_tables and describe_table.'
    : `First look at what exists (list_tables). If the tables do not fit the topic, design a small schema for it (3 to 5 related tables with keys) with create_table, and fill it with a few hundred realistic rows using write_query (a recursive CTE generates many rows in one INSERT).`;
  return [
    `Let's run a short data-analysis session about "${topic}" on this SQLite database.`,
    '',
    'Act as an analyst working with a business owner who is not technical.',
    build,
    'Then ask me which question matters most to the business, and answer it with read_query: pass values in params, check a slow query with explain_query, and show small result tables.',
    'Each time you learn something worth keeping, record it with append_insight; the memo://insights resource collects them.',
    'Finish with a short summary of the insights and one suggestion for what to look at next.',
  ].join('\n');
}

/** The database a completion context names, or the default when it names none or an unknown one. */
function pick(deps: SqliteDeps, name: string | undefined): SqliteDatabase {
  return (
    deps.databases.all.find((d) => d.name.toLowerCase() === name?.toLowerCase()) ?? deps.databases.default
  );
}

/** The official server's `mcp-demo`, plus a prompt for looking at one table (its name completes). */
export function registerPrompts(server: McpServer, deps: SqliteDeps): void {
  server.registerPrompt(
    'mcp-demo',
    {
      title: 'SQLite analysis demo',
      description: 'Starts a guided business-analysis session on a topic: schema, data, queries, insights.',
      argsSchema: z.object({
        topic: completable(z.string().describe('The business domain, e.g. "retail sales"'), (value) =>
          TOPICS.filter((t) => t.startsWith(value.toLowerCase())),
        ),
      }),
    },
    ({ topic }) => ({
      description: `Analysis session about ${topic}`,
      messages: [{ role: 'user', content: { type: 'text', text: demoText(topic, deps.config.readOnly) } }],
    }),
  );

  server.registerPrompt(
    'explore-table',
    {
      title: 'Explore a table',
      description: 'Summarise one table: what it holds, its keys, data quality, questions it can answer.',
      argsSchema: z.object({
        table_name: completable(z.string().describe('A table or view'), (value, context) =>
          // Completes in the database the user already chose, if the prompt has one.
          completeTableName(pick(deps, context?.arguments?.database), value),
        ),
        database: completable(
          z.string().describe('The database holding the table (default: the first)'),
          (value) => completeDatabaseName(deps, value),
        ).optional(),
      }),
    },
    ({ table_name, database }) => ({
      description: `Explore ${table_name}`,
      messages: [
        {
          role: 'user',
          content: {
            type: 'resource_link',
            uri: tableUri(deps.databases.get(database), table_name),
            name: table_name,
            mimeType: 'application/json',
          },
        },
        {
          role: 'user',
          content: {
            type: 'text',
            text:
              `Explore the table "${table_name}"${database ? ` of the database ${database}` : ''} (linked above: columns, keys and sample rows). Describe what one row ` +
              'represents, check data quality with read_query (NULLs, duplicates, outliers), and list three questions ' +
              'this table can answer, with the SQL for each.',
          },
        },
      ],
    }),
  );
}
