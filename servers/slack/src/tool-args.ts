// Arguments several Slack tools take, described once.
import * as z from 'zod';

export const channelArg = z
  .string()
  .describe('Channel ID (C…), #name, DM or group DM ID (D…/G…), or @user for your DM with them');
export const tsArg = z.string().regex(/^\d+\.\d+$/, 'a Slack ts like 1712345678.000100');
export const cursorArg = z.string().optional().describe('nextCursor from the previous page');

/** What slack_add_reaction and slack_remove_reaction take and answer: one reaction on one message. */
export const reactionInput = z.object({
  channel_id: channelArg,
  timestamp: tsArg.describe("The message's ts"),
  reaction: z.string().min(1).describe('Emoji name, e.g. thumbsup'),
});
export const reactionOutput = z.object({ channel: z.string(), ts: z.string(), reaction: z.string() });
