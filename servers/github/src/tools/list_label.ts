import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { labelOut, trimLabel } from '../labels.js';
import { nextPage, nextPageOf, owner, paging, repo, repoPage } from '../tool-args.js';

export default defineTool({
  name: 'list_label',
  title: 'List labels',
  description: 'Labels of a repository, or of one issue when issue_number is given.',
  inputSchema: z.object({ owner, repo, issue_number: z.number().min(1).optional(), ...paging }),
  outputSchema: z.object({ labels: z.array(labelOut), nextPage }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'labels',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = repoPage(input, ctx.signal);
    const res = input.issue_number
      ? await gh.rest.issues.listLabelsOnIssue({ ...where, issue_number: input.issue_number })
      : await gh.rest.issues.listLabelsForRepo(where);
    return { labels: res.data.map(trimLabel), ...nextPageOf(res.headers) };
  },
});
