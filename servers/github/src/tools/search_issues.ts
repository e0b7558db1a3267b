import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { searchIssueFields } from '../issue-picks.js';
import { scopedQuery, searchInput, searchIssuesOf, searchResult } from '../issue-search.js';

export default defineTool({
  name: 'search_issues',
  title: 'Search issues',
  description:
    'Search issues with GitHub search syntax (e.g. "crash label:bug is:open"); owner/repo narrow it.',
  inputSchema: z.object({ ...searchInput, fields: searchIssueFields.arg }),
  outputSchema: searchResult,
  annotations: readOnly({ openWorld: true }),
  toolset: 'issues',
  handler: (input, ctx) => searchIssuesOf(ctx, scopedQuery('issue', input), input, 'issue'),
});
