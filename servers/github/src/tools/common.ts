import {
  type AnyTool,
  InvalidInputError,
  PermissionDeniedError,
  type ToolContext,
  type ToolDefinition,
} from '@refmcp/core';
import * as z from 'zod';
import type { GitHubDeps } from '../deps.js';
import { sanitize } from '../sanitize.js';

/** Shared pieces of the GitHub tools: pagination, trimmed shapes, annotations, confirmation. */

export type Ctx = ToolContext<GitHubDeps>;
export type GitHubTool = AnyTool<GitHubDeps>;

export const READ = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
export const WRITE = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
export const DESTRUCTIVE = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

export const owner = z.string();
export const repo = z.string();
export const paging = {
  page: z.number().min(1).optional(),
  perPage: z.number().min(1).max(100).optional(),
};
export const nextPage = z.number().optional();

/** The `page` to ask for next, from GitHub's Link header. */
export function nextPageOf(headers: { link?: string | undefined }): { nextPage?: number } {
  const next = /<([^>]+)>;\s*rel="next"/.exec(headers.link ?? '')?.[1];
  const page = next ? Number(new URL(next).searchParams.get('page')) : undefined;
  return page ? { nextPage: page } : {};
}

export const pageParams = (input: { page?: number | undefined; perPage?: number | undefined }) => ({
  page: input.page ?? 1,
  per_page: input.perPage ?? 30,
});

export const login = (user: { login: string } | null | undefined): string | null => user?.login ?? null;

export const userOut = z.string().nullable().describe('login');

/** Sanitised text, shortened when a list should stay cheap to read. */
export function text(value: string | null | undefined, max?: number): string | null {
  const clean = sanitize(value);
  if (clean === null || max === undefined || clean.length <= max) return clean;
  return `${clean.slice(0, max)}…`;
}

/**
 * Destructive tools ask the user first. With a client that supports elicitation (legacy era),
 * the user confirms in a form; otherwise the call must pass `confirm: true`, which a host shows
 * the user as part of the call it asks them to approve.
 */
export async function confirmOrThrow(
  ctx: Ctx,
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

export const confirm = z.boolean().optional().describe('User already approved; skips the prompt');

/** defineTool with the server's deps fixed, so handlers see `ctx.deps` typed. */
export function defineTool<In extends z.ZodObject, Out extends z.ZodObject>(
  definition: ToolDefinition<In, Out, GitHubDeps>,
): ToolDefinition<In, Out, GitHubDeps> {
  return definition;
}
