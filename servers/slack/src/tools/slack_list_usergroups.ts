import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';

export interface RawUsergroup {
  id: string;
  name?: string;
  handle?: string;
  description?: string;
  user_count?: number;
  users?: string[];
}

export const usergroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  handle: z.string(),
  description: z.string(),
  userCount: z.number(),
  users: z.array(z.string()).optional(),
});

export const toUsergroup = (g: RawUsergroup) => ({
  id: g.id,
  name: g.name ?? '',
  handle: g.handle ?? '',
  description: g.description ?? '',
  userCount: g.user_count ?? g.users?.length ?? 0,
  ...(g.users && { users: g.users }),
});

export const renderUsergroup = (g: z.output<typeof usergroupSchema>) =>
  `@${g.handle} ${g.id} ${g.name} (${g.userCount} members)${g.description ? ` ${g.description}` : ''}` +
  (g.users ? `: ${g.users.join(', ')}` : '');

export default defineTool({
  name: 'slack_list_usergroups',
  title: 'List usergroups',
  description: 'User groups (@handles) of the workspace.',
  inputSchema: z.object({ include_users: z.boolean().default(false).describe('Also list member IDs') }),
  outputSchema: z.object({ usergroups: z.array(usergroupSchema) }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ include_users }, ctx: SlackContext) => {
    const res = await ctx.deps.api.call<{ usergroups?: RawUsergroup[] }>('usergroups.list', {
      include_users,
      include_count: true,
    });
    return { usergroups: (res.usergroups ?? []).map(toUsergroup) };
  },
  render: ({ usergroups }) =>
    usergroups.length ? usergroups.map(renderUsergroup).join('\n') : 'No usergroups.',
});
