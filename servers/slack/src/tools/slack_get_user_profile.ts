import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';

interface RawProfile {
  profile: {
    display_name?: string;
    real_name?: string;
    title?: string;
    email?: string;
    phone?: string;
    status_text?: string;
    status_emoji?: string;
  };
}

export default defineTool({
  name: 'slack_get_user_profile',
  title: 'User profile',
  description: 'One user’s profile: names, title, email, status.',
  inputSchema: z.object({ user_id: z.string().regex(/^[UW][A-Z0-9]+$/, 'a user ID like U0123ABCD') }),
  outputSchema: z.object({
    id: z.string(),
    realName: z.string(),
    displayName: z.string(),
    title: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    status: z.string().optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ user_id }, ctx: SlackContext) => {
    const { profile: p } = await ctx.deps.api.call<RawProfile>('users.profile.get', { user: user_id });
    const status = [p.status_emoji, p.status_text].filter(Boolean).join(' ');
    return {
      id: user_id,
      realName: p.real_name ?? '',
      displayName: p.display_name ?? '',
      ...(p.title && { title: p.title }),
      ...(p.email && { email: p.email }),
      ...(p.phone && { phone: p.phone }),
      ...(status && { status }),
    };
  },
  render: (u) =>
    [
      `${u.realName}${u.displayName ? ` (@${u.displayName})` : ''} ${u.id}`,
      u.title,
      u.email && `Email: ${u.email}`,
      u.phone && `Phone: ${u.phone}`,
      u.status && `Status: ${u.status}`,
    ]
      .filter(Boolean)
      .join('\n'),
});
