// Direct messages and channel membership: conversations.open and conversations.members.
import { type MethodContext, type Params, SlackFailure } from './context.js';
import { type Method, page, requireChannel, userById } from './methods.js';
import { channelView, type FakeChannel } from './state.js';

/** Slack's limit for a group DM: up to 8 people besides the caller. */
const MAX_MPIM_USERS = 8;

function openDm(ctx: MethodContext, others: string[]): { channel: FakeChannel; existed: boolean } {
  const { ws, token } = ctx;
  const people = [...new Set([token.userId, ...others])].sort();
  const same = (c: FakeChannel) =>
    (c.is_im || c.is_mpim) &&
    c.members.length === people.length &&
    people.every((p) => c.members.includes(p));
  const existing = ws.channels.find(same);
  if (existing) return { channel: existing, existed: true };
  const im = people.length <= 2;
  const names = people.map((id) => ws.user(id)?.name ?? id);
  const channel = ws.addChannel({
    id: `${im ? 'D' : 'G'}0${String(ws.channels.length + 1).padStart(8, '0')}`,
    name: im ? '' : `mpdm-${names.join('--')}-1`,
    is_private: true,
    ...(im ? { is_im: true, user: others[0] ?? token.userId } : { is_mpim: true }),
    members: people,
  });
  return { channel, existed: false };
}

export const conversationMethods: Record<string, Method> = {
  // https://api.slack.com/methods/conversations.open: `users` (comma-separated) or `channel`.
  'conversations.open': (params: Params, ctx) => {
    let channel: FakeChannel;
    let existed = true;
    if (params.channel) {
      channel = requireChannel(params, ctx);
    } else {
      const users = (params.users ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean);
      if (users.length === 0) throw new SlackFailure('users_list_not_supplied');
      if (users.length > MAX_MPIM_USERS) throw new SlackFailure('too_many_users');
      for (const id of users) {
        const user = userById(ctx, id);
        if (user.deleted) throw new SlackFailure('user_disabled');
      }
      ({ channel, existed } = openDm(ctx, users));
    }
    const full = params.return_im === 'true' || params.return_im === '1';
    return {
      ...(existed && { no_op: true, already_open: true }),
      channel: full || channel.is_mpim ? channelView(channel, ctx.token.userId) : { id: channel.id },
    };
  },

  // https://api.slack.com/methods/conversations.members: user IDs, cursor-paginated.
  'conversations.members': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    const { slice, next } = page(channel.members, params, 100, 1000);
    return { members: slice, response_metadata: { next_cursor: next } };
  },
};
