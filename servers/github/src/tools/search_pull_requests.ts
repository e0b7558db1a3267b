import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { searchPullFields } from '../issue-picks.js';
import { scopedQuery, searchInput, searchIssuesOf, searchResult } from '../issue-search.js';

export default defineTool({
  name: 'search_pull_requests',
  title: 'Search pull requests',
  description: 'Search pull requests with GitHub search syntax (e.g. "author:me is:open review:required").',
  inputSchema: z.object({ ...searchInput, fields: searchPullFields.arg }),
  outputSchema: searchResult,
  annotations: readOnly({ openWorld: true }),
  toolset: 'pull_requests',
  handler: (input, ctx) => searchIssuesOf(ctx, scopedQuery('pr', input), input, 'pr'),
});
