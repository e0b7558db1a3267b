import { writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type SqliteContext } from '../deps.js';

export default defineTool({
  name: 'append_insight',
  title: 'Append insight',
  description:
    'Record one finding from the analysis in the insights memo (the memo://insights resource). The memo ' +
    'is kept in memory by the server, not in the database.',
  inputSchema: z.object({
    insight: z.string().min(1).max(10_000).describe('One finding, in a sentence or two'),
  }),
  outputSchema: z.object({ count: z.number().describe('Insights in the memo now') }),
  annotations: writes({ openWorld: false }),
  // Offered in read-only mode too: the memo lives in the server's memory, not in the database.
  gate: null,
  handler: async ({ insight }, ctx: SqliteContext) => {
    const count = ctx.deps.insights.append(insight);
    ctx.deps.notifier.insightsChanged();
    return { count };
  },
  render: ({ count }) => `Insight recorded (${count} in memo://insights).`,
});
