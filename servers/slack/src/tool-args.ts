// Arguments several Slack tools take, described once.
import * as z from 'zod';

export const channelArg = z
  .string()
  .describe('Channel ID (C…), #name, DM or group DM ID (D…/G…), or @user for your DM with them');
export const tsArg = z.string().regex(/^\d+\.\d+$/, 'a Slack ts like 1712345678.000100');
export const cursorArg = z.string().optional().describe('nextCursor from the previous page');
