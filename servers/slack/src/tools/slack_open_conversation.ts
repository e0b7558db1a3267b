import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';

export default defineTool({
  name: 'slack_open_conversation',
  title: 'Open DM',
  description:
    'Open (or find) the DM with one person, or the group DM with 2–8 people. Returns its ID for the message tools; sends nothing.',
  inputSchema: z.object({
    users: z
      .array(z.string().min(1))
      .min(1)
      .max(8)
      .describe('People: U… IDs or @names; one for a DM, 2–8 for a group DM'),
  }),
  outputSchema: z.object({
    channel: z.string(),
    kind: z.enum(['im', 'mpim']),
    users: z.array(z.string()),
    alreadyOpen: z.boolean(),
  }),
  annotations: writes({ openWorld: true, idempotent: true }),
  gate: 'dm',
  handler: async ({ users }, ctx: SlackContext) => {
    const { deps } = ctx;
    const ids = [...new Set(await Promise.all(users.map((u) => deps.directory.resolveUser(u))))];
    // Security: a DM with someone the lists bar is refused before Slack hears of it.
    await deps.policy.checkPeople(ids);
    const res = await deps.api.call<{ channel: { id: string; is_mpim?: boolean }; already_open?: boolean }>(
      'conversations.open',
      { users: ids.join(',') },
    );
    // The DM list changed; the next listing asks Slack again.
    deps.directory.dmList.invalidate();
    return {
      channel: res.channel.id,
      // Slack decides: naming yourself among two people gets the 1:1 DM, not a group.
      kind: res.channel.is_mpim ? ('mpim' as const) : ('im' as const),
      users: ids,
      alreadyOpen: Boolean(res.already_open),
    };
  },
  render: ({ channel, kind, users, alreadyOpen }) =>
    `${alreadyOpen ? 'Found' : 'Opened'} ${kind === 'im' ? 'DM' : 'group DM'} ${channel} with ${users.join(', ')}.`,
});
