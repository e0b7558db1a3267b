import { type MethodContext, type Params, permalink, SlackFailure } from './context.js';
import { conversationMethods } from './conversation-methods.js';
import { fileMethods } from './files.js';
import { messageMethods } from './message-methods.js';
import { searchMessages } from './search.js';
import { channelView, compareTs, type FakeChannel, type FakeMessage, usergroupView } from './state.js';

export type Method = (params: Params, ctx: MethodContext) => Record<string, unknown>;

/** The scope each method needs, as the Web API documents it (one per method keeps the fake simple). */
export const METHOD_SCOPES: Record<string, string | undefined> = {
  'auth.test': undefined,
  'conversations.list': 'channels:read',
  'conversations.info': 'channels:read',
  'conversations.history': 'channels:history',
  'conversations.replies': 'channels:history',
  'conversations.mark': 'channels:write',
  'users.conversations': 'channels:read',
  'chat.postMessage': 'chat:write',
  'chat.getPermalink': undefined,
  'reactions.add': 'reactions:write',
  'users.list': 'users:read',
  'users.info': 'users:read',
  'users.profile.get': 'users.profile:read',
  'search.messages': 'search:read',
  'usergroups.list': 'usergroups:read',
  'usergroups.create': 'usergroups:write',
  'usergroups.users.update': 'usergroups:write',
  'conversations.open': 'im:write',
  'conversations.members': 'channels:read',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'reactions.remove': 'reactions:write',
  'files.info': 'files:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

/** Methods only a user token may call. */
const USER_ONLY = new Set(['search.messages']);

const PAGE_MAX = 200;

/** Opaque cursors, like Slack's: base64 of the next offset. */
export function page<T>(items: T[], params: Params, fallbackLimit: number, max = PAGE_MAX) {
  const limit = Math.min(Math.max(Number(params.limit) || fallbackLimit, 1), max);
  let offset = 0;
  if (params.cursor) {
    const decoded = /^next:(\d+)$/.exec(Buffer.from(params.cursor, 'base64').toString('utf8'));
    if (!decoded) throw new SlackFailure('invalid_cursor');
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? Buffer.from(`next:${offset + limit}`).toString('base64') : '';
  return { slice, next, hasMore: next !== '' };
}

export function requireChannel(params: Params, ctx: MethodContext, key = 'channel'): FakeChannel {
  const id = params[key];
  if (!id) throw new SlackFailure('channel_not_found');
  const channel = ctx.ws.channel(id);
  const member = channel?.members.includes(ctx.token.userId);
  // Private conversations do not exist for non-members.
  if (!channel || ((channel.is_private || channel.is_im || channel.is_mpim) && !member))
    throw new SlackFailure('channel_not_found');
  return channel;
}

/** Bots must join a channel to read or write it; users can read public channels. */
export function requireMember(channel: FakeChannel, ctx: MethodContext, forWrite: boolean): void {
  if (channel.members.includes(ctx.token.userId)) return;
  if (ctx.token.kind === 'bot' || forWrite) throw new SlackFailure('not_in_channel');
}

const topLevel = (m: FakeMessage) => !m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast';

function inRange(m: FakeMessage, params: Params): boolean {
  const inclusive = params.inclusive === 'true' || params.inclusive === '1';
  if (params.oldest) {
    const c = compareTs(m.ts, params.oldest);
    if (c < 0 || (c === 0 && !inclusive)) return false;
  }
  if (params.latest) {
    const c = compareTs(m.ts, params.latest);
    if (c > 0 || (c === 0 && !inclusive)) return false;
  }
  return true;
}

export function findMessage(channel: FakeChannel, ts: string | undefined): FakeMessage {
  const message = ts ? channel.messages.find((m) => m.ts === ts) : undefined;
  if (!message) throw new SlackFailure('message_not_found');
  return message;
}

export function userById(ctx: MethodContext, id: string | undefined) {
  const user = id ? ctx.ws.user(id) : undefined;
  if (!user) throw new SlackFailure('user_not_found');
  return user;
}

export const methods: Record<string, Method> = {
  'auth.test': (_p, { ws, token }) => ({
    url: `https://${ws.domain}.slack.com/`,
    team: ws.teamName,
    user: ws.user(token.userId)?.name ?? token.userId,
    team_id: ws.teamId,
    user_id: token.userId,
    ...(token.kind === 'bot' && { bot_id: `B${token.userId.slice(1)}` }),
  }),

  'conversations.list': (params, ctx) => {
    const types = (params.types || 'public_channel').split(',');
    const visible = ctx.ws.channels.filter((c) => {
      if (params.exclude_archived === 'true' && c.is_archived) return false;
      const type = c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private_channel' : 'public_channel';
      if (!types.includes(type)) return false;
      return type === 'public_channel' || c.members.includes(ctx.token.userId);
    });
    const { slice, next } = page(visible, params, 100, 1000);
    return {
      channels: slice.map((c) => channelView(c, ctx.token.userId)),
      response_metadata: { next_cursor: next },
    };
  },

  'users.conversations': (params, ctx) => {
    const mine = ctx.ws.channels.filter((c) => c.members.includes(ctx.token.userId) && !c.is_archived);
    const { slice, next } = page(mine, params, 100, 1000);
    return {
      channels: slice.map((c) => channelView(c, ctx.token.userId)),
      response_metadata: { next_cursor: next },
    };
  },

  'conversations.info': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    const view = channelView(channel, ctx.token.userId);
    if (ctx.token.kind === 'user' && channel.members.includes(ctx.token.userId)) {
      const lastRead = channel.lastRead[ctx.token.userId] ?? '0000000000.000000';
      const unread = channel.messages.filter((m) => topLevel(m) && compareTs(m.ts, lastRead) > 0).length;
      Object.assign(view, { last_read: lastRead, unread_count: unread, unread_count_display: unread });
    }
    return { channel: view };
  },

  'conversations.history': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    requireMember(channel, ctx, false);
    const newestFirst = channel.messages.filter((m) => topLevel(m) && inRange(m, params)).reverse();
    const { slice, next, hasMore } = page(newestFirst, params, 100, 999);
    return {
      messages: slice,
      has_more: hasMore,
      pin_count: 0,
      response_metadata: { next_cursor: next },
    };
  },

  'conversations.replies': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    requireMember(channel, ctx, false);
    const parent = channel.messages.find((m) => m.ts === params.ts);
    if (!parent) throw new SlackFailure('thread_not_found');
    const thread = channel.messages.filter(
      (m) => (m.ts === parent.ts || m.thread_ts === parent.ts) && inRange(m, params),
    );
    const { slice, next, hasMore } = page(thread, params, 100, 1000);
    return { messages: slice, has_more: hasMore, response_metadata: { next_cursor: next } };
  },

  'conversations.mark': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    requireMember(channel, ctx, true);
    if (!params.ts) throw new SlackFailure('invalid_timestamp');
    channel.lastRead[ctx.token.userId] = params.ts;
    return {};
  },

  'chat.postMessage': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    if (channel.is_archived) throw new SlackFailure('is_archived');
    requireMember(channel, ctx, true);
    if (!params.text && !params.blocks) throw new SlackFailure('no_text');
    if (params.thread_ts) findMessage(channel, params.thread_ts);
    const message = ctx.ws.addMessage(channel.id, {
      text: params.text ?? '',
      user: ctx.token.userId,
      ...(params.thread_ts && { thread_ts: params.thread_ts }),
      ...(ctx.token.kind === 'bot' && { bot_id: `B${ctx.token.userId.slice(1)}` }),
    });
    return { channel: channel.id, ts: message.ts, message };
  },

  'chat.getPermalink': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    const message = findMessage(channel, params.message_ts);
    return { channel: channel.id, permalink: permalink(ctx.ws, channel.id, message.ts) };
  },

  'reactions.add': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    requireMember(channel, ctx, true);
    const message = findMessage(channel, params.timestamp);
    const name = params.name ?? '';
    if (!/^[a-z0-9_+'-]+$/.test(name)) throw new SlackFailure('invalid_name');
    message.reactions ??= [];
    let reaction = message.reactions.find((r) => r.name === name);
    if (reaction?.users.includes(ctx.token.userId)) throw new SlackFailure('already_reacted');
    if (!reaction) {
      reaction = { name, users: [], count: 0 };
      message.reactions.push(reaction);
    }
    reaction.users.push(ctx.token.userId);
    reaction.count++;
    return {};
  },

  'users.list': (params, ctx) => {
    const { slice, next } = page(ctx.ws.users, params, 100, 1000);
    return { members: slice, cache_ts: 0, response_metadata: { next_cursor: next } };
  },

  'users.info': (params, ctx) => ({ user: userById(ctx, params.user) }),

  'users.profile.get': (params, ctx) => ({ profile: userById(ctx, params.user ?? ctx.token.userId).profile }),

  'search.messages': (params, ctx) => searchMessages(params, ctx),

  'usergroups.list': (params, { ws }) => ({
    usergroups: ws.usergroups.map((g) => usergroupView(g, ws.teamId, params.include_users === 'true')),
  }),

  'usergroups.create': (params, { ws }) => {
    if (!params.name) throw new SlackFailure('invalid_name');
    if (ws.usergroups.some((g) => g.name === params.name || (params.handle && g.handle === params.handle))) {
      throw new SlackFailure('name_already_exists');
    }
    const group = {
      id: `S${String(ws.usergroups.length + 1).padStart(8, '0')}`,
      name: params.name,
      handle: params.handle ?? params.name.toLowerCase().replace(/\s+/g, '-'),
      description: params.description ?? '',
      users: [],
      date_create: Math.floor(Date.now() / 1000),
    };
    ws.usergroups.push(group);
    return { usergroup: usergroupView(group, ws.teamId, true) };
  },

  'usergroups.users.update': (params, ctx) => {
    const group = ctx.ws.usergroups.find((g) => g.id === params.usergroup);
    if (!group) throw new SlackFailure('no_such_subteam');
    const users = (params.users ?? '').split(',').filter(Boolean);
    if (users.length === 0) throw new SlackFailure('invalid_users');
    for (const id of users) userById(ctx, id);
    group.users = users;
    return { usergroup: usergroupView(group, ctx.ws.teamId, true) };
  },

  ...conversationMethods,
  ...messageMethods,
  ...fileMethods,
};

export { USER_ONLY };
