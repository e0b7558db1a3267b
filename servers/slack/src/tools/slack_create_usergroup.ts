import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { type RawUsergroup, renderUsergroup, toUsergroup, usergroupSchema } from '../usergroups.js';

export default defineTool({
  name: 'slack_create_usergroup',
  title: 'Create usergroup',
  description: 'Create a user group with an @handle.',
  inputSchema: z.object({
    name: z.string().min(1),
    handle: z
      .string()
      .regex(/^[a-z0-9._-]+$/)
      .optional(),
    description: z.string().optional(),
  }),
  outputSchema: usergroupSchema,
  annotations: writes({ openWorld: true }),
  gate: 'usergroup-write',
  handler: async ({ name, handle, description }, ctx: SlackContext) => {
    const res = await ctx.deps.api.call<{ usergroup: RawUsergroup }>('usergroups.create', {
      name,
      handle,
      description,
    });
    return toUsergroup(res.usergroup);
  },
  render: (g) => `Created ${renderUsergroup(g)}`,
});
