import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { type RawUsergroup, renderUsergroup, toUsergroup, usergroupSchema } from '../usergroups.js';

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
