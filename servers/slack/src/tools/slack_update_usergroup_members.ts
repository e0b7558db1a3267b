import { destructive } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { type RawUsergroup, renderUsergroup, toUsergroup, usergroupSchema } from '../usergroups.js';

export default defineTool({
  name: 'slack_update_usergroup_members',
  title: 'Set usergroup members',
  description: 'Replace the members of a user group with the given users.',
  inputSchema: z.object({
    usergroup_id: z.string().regex(/^S[A-Z0-9]+$/, 'an ID like S0123ABCD'),
    user_ids: z.array(z.string().regex(/^[UW][A-Z0-9]+$/)).min(1),
  }),
  outputSchema: usergroupSchema,
  // Replacing the member list drops whoever is not named.
  annotations: destructive({ openWorld: true, idempotent: true }),
  gate: 'usergroup-write',
  handler: async ({ usergroup_id, user_ids }, ctx: SlackContext) => {
    const res = await ctx.deps.api.call<{ usergroup: RawUsergroup }>('usergroups.users.update', {
      usergroup: usergroup_id,
      users: user_ids.join(','),
    });
    return toUsergroup(res.usergroup);
  },
  render: (g) => `Updated ${renderUsergroup(g)}`,
});
