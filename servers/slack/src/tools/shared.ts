import type { ToolAnnotations } from '@refmcp/core';
import * as z from 'zod';

export const channelArg = z.string().describe('Channel ID (C…) or #name');
export const tsArg = z.string().regex(/^\d+\.\d+$/, 'a Slack ts like 1712345678.000100');
export const cursorArg = z.string().optional().describe('nextCursor from the previous page');

export const READ: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Posting adds a message others see; it cannot be taken back by this server. */
export const POST: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

export const IDEMPOTENT_WRITE: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};
