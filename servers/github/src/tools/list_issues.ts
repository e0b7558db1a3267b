import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { listIssueFields } from '../issue-picks.js';
import { summarize } from '../issues.js';
import { nextPage, nextPageOf, owner, pageParams, paging, repo } from '../tool-args.js';

/** github-mcp-server's GraphQL ordering, as the REST list's sort. */
const ORDER_BY = { CREATED_AT: 'created', UPDATED_AT: 'updated', COMMENTS: 'comments' } as const;

export default defineTool({
  name: 'list_issues',
  title: 'List issues',
  description: 'Issues in a repository (pull requests excluded), newest first.',
  inputSchema: z.object({
    owner,
    repo,
    state: z
      .enum(['open', 'closed', 'all', 'OPEN', 'CLOSED'])
      .default('open')
      .transform((v) => v.toLowerCase() as 'open' | 'closed' | 'all'),
    orderBy: z.enum(['CREATED_AT', 'UPDATED_AT', 'COMMENTS']).optional(),
    direction: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
    after: z
      .string()
      .regex(/^\d+$/, 'the nextPage of the previous answer')
      .optional()
      .describe('nextPage of the previous answer'),
    labels: z.array(z.string()).optional(),
    since: z.string().optional().describe('ISO 8601; updated at or after'),
    field_filters: z
      .array(
        z
          .object({
            field_name: z.string().min(1),
            value: z.string().optional(),
            values: z.array(z.string()).optional(),
          })
          .refine((f) => (f.value === undefined) !== (f.values === undefined), 'one of value or values'),
      )
      .optional(),
    fields: listIssueFields.arg,
    ...paging,
  }),
  outputSchema: z.object({
    issues: z.array(listIssueFields.item),
    withheld: z.number().optional(),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.issues.listForRepo({
      owner: input.owner,
      repo: input.repo,
      state: input.state,
      ...(input.labels && { labels: input.labels.join(',') }),
      ...(input.since && { since: input.since }),
      ...(input.orderBy && { sort: ORDER_BY[input.orderBy] }),
      ...(input.direction && { direction: input.direction.toLowerCase() as 'asc' | 'desc' }),
      ...(input.field_filters && { issue_field_values: fieldValuesQuery(input.field_filters) }),
      ...pageParams({ ...input, page: input.after ? Number(input.after) : input.page }),
      request: { signal: ctx.signal },
    });
    const issues = res.data.filter((i) => !i.pull_request);
    const { items, withheld } = await ctx.deps.lockdown.filter(
      input.owner,
      input.repo,
      issues,
      (i) => i.user?.login,
    );
    return {
      issues: items.map((i) => listIssueFields.pick(input.fields, summarize(i), i)),
      ...(withheld > 0 && { withheld }),
      ...nextPageOf(res.headers),
    };
  },
});

/**
 * GitHub's `issue_field_values` filter (`field_slug:value`, comma-separated, all must hold) from
 * github-mcp-server's field_filters. A field's slug is its name in lower case with hyphens
 * (Priority → priority); a multi-select's values each become a pair, so all must be set.
 */
function fieldValuesQuery(filters: { field_name: string; value?: string; values?: string[] }[]): string {
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return filters
    .flatMap((f) => (f.values ?? [f.value ?? '']).map((v) => `${slug(f.field_name)}:${v}`))
    .join(',');
}
