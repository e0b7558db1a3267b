// Changing existing messages: chat.update, chat.delete and reactions.remove.
import { SlackFailure } from './context.js';
import { findMessage, type Method, requireChannel, requireMember } from './methods.js';

export const messageMethods: Record<string, Method> = {
  // https://api.slack.com/methods/chat.update: only the author may edit (cant_update_message).
  'chat.update': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    requireMember(channel, ctx, true);
    const message = findMessage(channel, params.ts);
    if (message.user !== ctx.token.userId) throw new SlackFailure('cant_update_message');
    if (!params.text && !params.blocks) throw new SlackFailure('no_text');
    message.text = params.text ?? '';
    message.edited = { user: ctx.token.userId, ts: ctx.ws.makeTs() };
    return { channel: channel.id, ts: message.ts, text: message.text, message };
  },

  // https://api.slack.com/methods/chat.delete: bots and users may delete their own messages only
  // (admins more; not modelled). A deleted parent takes its replies' parent link with it.
  'chat.delete': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    requireMember(channel, ctx, true);
    const message = findMessage(channel, params.ts);
    if (message.user !== ctx.token.userId) throw new SlackFailure('cant_delete_message');
    channel.messages = channel.messages.filter((m) => m !== message);
    if (message.thread_ts && message.thread_ts !== message.ts) {
      const parent = channel.messages.find((m) => m.ts === message.thread_ts);
      if (parent?.reply_count) parent.reply_count--;
    }
    return { channel: channel.id, ts: message.ts };
  },

  // https://api.slack.com/methods/reactions.remove: no_reaction when the caller had not reacted.
  'reactions.remove': (params, ctx) => {
    const channel = requireChannel(params, ctx);
    requireMember(channel, ctx, true);
    const message = findMessage(channel, params.timestamp);
    const reaction = message.reactions?.find((r) => r.name === params.name);
    if (!reaction?.users.includes(ctx.token.userId)) throw new SlackFailure('no_reaction');
    reaction.users = reaction.users.filter((u) => u !== ctx.token.userId);
    reaction.count--;
    if (reaction.count === 0) message.reactions = message.reactions!.filter((r) => r !== reaction);
    return {};
  },
};
