import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SqliteContext } from '../deps.js';

export default defineTool({
  name: 'list_databases',
  title: 'List databases',
  description:
    'The databases this server serves, by the name the other tools take as database (the first is the ' +
    'default), with whether each is read-only and whether it is attached to the others for cross-database ' +
    'reads (SELECT … FROM <name>.<table>).',
  inputSchema: z.object({}),
  outputSchema: z.object({
    databases: z.array(
      z.object({
        name: z.string(),
        file: z.string().describe('The file name, without its directory'),
        default: z.boolean(),
        readOnly: z.boolean(),
        attached: z.boolean().describe('Readable from every other database as <name>.<table>'),
      }),
    ),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async (_input, ctx: SqliteContext) => ({
    databases: ctx.deps.databases.all.map((d, i) => ({
      name: d.name,
      file: d.label,
      default: i === 0,
      readOnly: d.readOnly,
      attached: d.attached,
    })),
  }),
  render: ({ databases }) =>
    databases
      .map((d) => {
        const notes = [d.default && 'default', d.readOnly && 'read-only', d.attached && 'attached'].filter(
          Boolean,
        );
        return `${d.name} (${d.file}${notes.length > 0 ? `; ${notes.join(', ')}` : ''})`;
      })
      .join('\n'),
});
