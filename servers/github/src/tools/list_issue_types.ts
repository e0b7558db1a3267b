import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';

type IssueType = { id: number; name: string; description: string | null; color?: string | null };

export default defineTool({
  name: 'list_issue_types',
  title: 'List issue types',
  description:
    "An organization's issue types (for issue_write type); with repo, those the repository offers.",
  inputSchema: z.object({ owner: z.string().min(1), repo: z.string().min(1).optional() }),
  outputSchema: z.object({
    types: z.array(
      z.object({ name: z.string(), description: z.string().nullable(), color: z.string().nullable() }),
    ),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const request = { signal: ctx.signal };
    // Octokit has a method for the organization's list only; the repository's is the same request shape.
    const { data } = input.repo
      ? await gh.request('GET /repos/{owner}/{repo}/issue-types', {
          owner: input.owner,
          repo: input.repo,
          request,
        })
      : await gh.rest.orgs.listIssueTypes({ org: input.owner, request });
    return {
      types: (data as IssueType[]).map((t) => ({
        name: t.name,
        description: t.description,
        color: t.color ?? null,
      })),
    };
  },
});
