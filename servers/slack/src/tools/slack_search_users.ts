import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import type { UserEntry } from '../directory.js';
import { userSchema } from './slack_get_users.js';

/** How well a user matches: exact name, then a name starting with it, then anywhere in it. */
function score(u: UserEntry, needle: string): number {
  const fields = [u.name, u.displayName, u.realName, u.email].map((f) => f.toLowerCase());
  if (fields.some((f) => f === needle)) return 3;
  if (fields.some((f) => f.startsWith(needle) || f.split(/[\s.@_-]+/).some((w) => w.startsWith(needle))))
    return 2;
  return fields.some((f) => f.includes(needle)) ? 1 : 0;
}

export default defineTool({
  name: 'slack_search_users',
  title: 'Search users',
  description:
    'Find people by user name, display name, real name or email (cached directory), best matches first. Emails need the users:read.email scope.',
  inputSchema: z.object({
    query: z.string().min(1).describe('Part of a name, display name or email'),
    limit: z.number().int().min(1).max(100).default(10).describe('Most users returned'),
    include_bots: z.boolean().default(false),
  }),
  outputSchema: z.object({
    users: z.array(userSchema.extend({ email: z.string().optional() })),
    total: z.number().describe('All matches, of which the first `limit` are returned'),
  }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ query, limit, include_bots }, ctx: SlackContext) => {
    const needle = query.trim().replace(/^@/, '').toLowerCase();
    const ranked = (await ctx.deps.directory.users())
      .filter((u) => !u.deleted && (include_bots || !u.isBot))
      .map((u) => ({ u, s: score(u, needle) }))
      .filter(({ s }) => s > 0)
      .sort((a, b) => b.s - a.s || a.u.name.localeCompare(b.u.name));
    return {
      users: ranked.slice(0, limit).map(({ u: { tz, email, ...u } }) => ({
        ...u,
        ...(tz && { tz }),
        ...(email && { email }),
      })),
      total: ranked.length,
    };
  },
  render: ({ users, total }) =>
    users.length === 0
      ? 'No users match.'
      : `${total} match${total === 1 ? '' : 'es'}:\n` +
        users
          .map(
            (u) =>
              `@${u.name} ${u.id} ${u.realName}${u.displayName && u.displayName !== u.name ? ` (${u.displayName})` : ''}${u.email ? ` <${u.email}>` : ''}`,
          )
          .join('\n'),
});
