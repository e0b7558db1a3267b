import { NotFoundError, PermissionDeniedError } from '@refmcp/core';
import { type SlackDeps, writableChannel } from './deps.js';
import type { RawMessage } from './format.js';

/**
 * The message at `ts`, checked to be this token's own (auth.test's user) and in a conversation
 * the write lists allow. Top-level messages come from history; thread replies from replies.
 */
export async function ownMessage(
  deps: SlackDeps,
  channelRef: string,
  ts: string,
): Promise<{ channel: string; message: RawMessage }> {
  const channel = await writableChannel(deps, channelRef);
  type Page = { messages?: RawMessage[] };
  const [self, history] = await Promise.all([
    deps.self(),
    deps.api.call<Page>('conversations.history', {
      channel,
      latest: ts,
      oldest: ts,
      inclusive: true,
      limit: 1,
    }),
  ]);
  let message = history.messages?.find((m) => m.ts === ts);
  if (!message) {
    const thread = await deps.api.call<Page>('conversations.replies', { channel, ts, limit: 1 });
    message = thread.messages?.find((m) => m.ts === ts);
  }
  if (!message) {
    throw new NotFoundError(`No message ${ts} in ${channelRef}.`, {
      hint: 'Timestamps (ts) come from slack_get_channel_history or slack_post_message.',
    });
  }
  // Security: only what this server's own account wrote may be changed, whatever the token could do.
  if (message.user !== self) {
    throw new PermissionDeniedError(`Message ${ts} was not written by this server's account.`, {
      hint: 'Only messages this account posted can be edited or deleted; do not retry.',
    });
  }
  return { channel, message };
}
