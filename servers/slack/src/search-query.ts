import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { resolveConversation, type SlackDeps } from './deps.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2026-12-01')
  .describe('A day, YYYY-MM-DD');

/** The filters slack_search_messages takes as arguments, so the model need not know Slack's syntax. */
export const searchFilters = {
  in_channel: z
    .string()
    .optional()
    .describe('Only this conversation: channel ID or #name, or @user for your DM with them'),
  from_user: z.string().optional().describe('Only messages by this user: U… or @name'),
  after: day.optional().describe('Only messages after this day (exclusive), YYYY-MM-DD'),
  before: day.optional().describe('Only messages before this day (exclusive), YYYY-MM-DD'),
  on: day.optional().describe('Only messages on this day, YYYY-MM-DD'),
  has_link: z.boolean().optional().describe('Only messages with a link'),
  has_file: z.boolean().optional().describe('Only messages with a file'),
};

export interface Filters {
  in_channel?: string | undefined;
  from_user?: string | undefined;
  after?: string | undefined;
  before?: string | undefined;
  on?: string | undefined;
  has_link?: boolean | undefined;
  has_file?: boolean | undefined;
}

/**
 * Words plus filters as one Slack query: `in:<#C…>` (or `in:<@U…>` for a DM), `from:<@U…>`,
 * `after:`/`before:`/`on:` a day, `has:link`, `has:file`. References are resolved to IDs first,
 * so a #name or @name the model got slightly wrong is an error here, not an empty search.
 */
export async function composeQuery(deps: SlackDeps, words: string | undefined, f: Filters): Promise<string> {
  const terms: string[] = [];
  if (words?.trim()) terms.push(words.trim());
  if (f.in_channel) {
    const id = await resolveConversation(deps, f.in_channel);
    const dm = (await deps.directory.dms().catch(() => [])).find((c) => c.id === id && c.kind === 'im');
    terms.push(dm?.user ? `in:<@${dm.user}>` : `in:<#${id}>`);
  }
  if (f.from_user) terms.push(`from:<@${await deps.directory.resolveUser(f.from_user)}>`);
  if (f.after) terms.push(`after:${f.after}`);
  if (f.before) terms.push(`before:${f.before}`);
  if (f.on) terms.push(`on:${f.on}`);
  if (f.has_link) terms.push('has:link');
  if (f.has_file) terms.push('has:file');
  if (terms.length === 0) {
    throw new InvalidInputError('Nothing to search for.', {
      hint: 'Give query words or at least one filter.',
    });
  }
  return terms.join(' ');
}
