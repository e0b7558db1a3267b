import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { issueNumber } from '../issues.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
  name: 'add_issue_comment',
  title: 'Comment on issue',
  description: 'Add a comment to an issue or pull request.',
  inputSchema: z.object({ owner, repo, issue_number: issueNumber, body: z.string().min(1) }),
  outputSchema: z.object({ id: z.number(), url: z.string() }),
  annotations: writes({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.issues.createComment(input);
    return { id: data.id, url: data.html_url };
  },
});
