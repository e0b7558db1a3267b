import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';

type IssueField = {
  id: number;
  name: string;
  description?: string | null;
  data_type: string;
  options?: Array<{ name: string }>;
};

export default defineTool({
  name: 'list_issue_fields',
  title: 'List issue fields',
  description: "An organization's issue fields (for issue_write issue_fields).",
  inputSchema: z.object({
    owner: z.string().min(1),
    repo: z.string().min(1).optional().describe("a repository has its organization's fields"),
  }),
  outputSchema: z.object({
    fields: z.array(
      z.object({
        name: z.string(),
        type: z.string(),
        description: z.string().nullable(),
        options: z.array(z.string()).optional(),
      }),
    ),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    // No Octokit method covers issue fields yet; this is Octokit's request with GitHub's route.
    const { data } = await ctx.deps.gh.request('GET /orgs/{org}/issue-fields', {
      org: input.owner,
      request: { signal: ctx.signal },
    });
    return {
      fields: (data as IssueField[]).map((f) => ({
        name: f.name,
        type: f.data_type,
        description: f.description ?? null,
        ...(f.options?.length && { options: f.options.map((o) => o.name) }),
      })),
    };
  },
});
