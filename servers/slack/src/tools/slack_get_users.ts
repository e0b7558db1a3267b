import { paginate, readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { pageHint } from '../format.js';
import { cursorArg } from '../tool-args.js';

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  realName: z.string(),
  displayName: z.string(),
  title: z.string(),
  isBot: z.boolean(),
  deleted: z.boolean(),
  tz: z.string().optional(),
});

export default defineTool({
  name: 'slack_get_users',
  title: 'List users',
  description: 'Workspace members (cached directory). Filter by name with query.',
  inputSchema: z.object({
    limit: z.number().int().min(1).max(1000).default(100).describe('Users per page'),
    cursor: cursorArg,
    query: z.string().optional().describe('Substring of the user name or real name'),
    include_deleted: z.boolean().default(false),
  }),
  outputSchema: z.object({ users: z.array(userSchema), nextCursor: z.string().optional() }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ limit, cursor, query, include_deleted }, ctx: SlackContext) => {
    const needle = query?.replace(/^@/, '').toLowerCase();
    const users = (await ctx.deps.directory.users()).filter(
      (u) =>
        (include_deleted || !u.deleted) &&
        (!needle || [u.name, u.realName, u.displayName].some((n) => n.toLowerCase().includes(needle))),
    );
    const page = paginate(users, { cursor, limit });
    return {
      users: page.items.map(({ tz, email: _email, ...u }) => ({ ...u, ...(tz && { tz }) })),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  },
  render: ({ users, nextCursor }) =>
    (users.length === 0 ? 'No users.' : '') +
    users
      .map((u) => {
        const flags = [u.isBot && 'bot', u.deleted && 'deleted', u.title].filter(Boolean).join(', ');
        return `@${u.name} ${u.id} ${u.realName}${flags ? ` (${flags})` : ''}`;
      })
      .join('\n') +
    pageHint(nextCursor),
});
