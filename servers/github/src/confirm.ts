import { InvalidInputError, PermissionDeniedError } from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from './deps.js';

export const confirm = z.boolean().optional().describe('User already approved; skips the prompt');

/**
 * Destructive tools ask the user first. With a client that supports elicitation (legacy era),
 * the user confirms in a form; otherwise the call must pass `confirm: true`, which a host shows
 * the user as part of the call it asks them to approve.
 */
export async function confirmOrThrow(
  ctx: GitHubContext,
  confirmed: boolean | undefined,
  action: string,
): Promise<void> {
  if (confirmed) return;
  if (!ctx.deps.canElicit()) {
    throw new InvalidInputError(`${action} cannot be undone.`, {
      hint: 'Ask the user to confirm, then call again with confirm: true.',
    });
  }
  const answer = await ctx.sdk.mcpReq.elicitInput({
    mode: 'form',
    message: `${action}? This cannot be undone.`,
    requestedSchema: {
      type: 'object',
      properties: { confirm: { type: 'boolean', title: 'Confirm', description: action } },
      required: ['confirm'],
    },
  });
  if (answer.action !== 'accept' || answer.content?.confirm !== true) {
    throw new PermissionDeniedError(`The user did not confirm: ${action}.`, {
      hint: 'Do not retry unless the user asks.',
    });
  }
}
