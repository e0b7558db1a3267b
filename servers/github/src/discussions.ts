import * as z from 'zod';
import { WITHHELD } from './issues.js';
import { actorLogin, type GraphqlActor } from './lockdown.js';
import { text } from './sanitize.js';
import { owner } from './tool-args.js';

/** Arguments and trimmed shapes the discussion tools share. */

export const discussionNumber = z.number().min(1);

/** github-mcp-server reads an owner without a repo as the organisation's discussions. */
export const orgOrRepo = {
  owner,
  repo: z.string().optional().describe("Omit for the organisation's discussions (its .github repository)"),
};
export const repoOrDotGithub = (repo: string | undefined) => repo || '.github';

export const discussionSummary = z.object({
  number: z.number(),
  title: z.string(),
  author: z.string().nullable(),
  category: z.string().nullable(),
  closed: z.boolean(),
  isAnswered: z.boolean().nullable(),
  created: z.string(),
  updated: z.string(),
  url: z.string(),
});

/** The fields a query selects for `discussionSummary`. */
export const DISCUSSION_FIELDS =
  'number title author { __typename login } category { name } closed isAnswered createdAt updatedAt url';

export interface DiscussionNode {
  number: number;
  title: string;
  author: GraphqlActor | null;
  category: { name: string } | null;
  closed: boolean;
  isAnswered: boolean | null;
  createdAt: string;
  updatedAt: string;
  url: string;
}

export const summarizeDiscussion = (d: DiscussionNode, shown = true) => ({
  number: d.number,
  title: shown ? (text(d.title) ?? '') : WITHHELD,
  author: actorLogin(d.author) ?? null,
  category: d.category?.name ?? null,
  closed: d.closed,
  isAnswered: d.isAnswered,
  created: d.createdAt,
  updated: d.updatedAt,
  url: d.url,
});
