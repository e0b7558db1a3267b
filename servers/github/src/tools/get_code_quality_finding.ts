import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';
import { owner, repo } from '../tool-args.js';

type Finding = {
  number: number;
  state: string;
  rule: { id: string; title: string; severity: string; category: string };
  location: { path: string; start_line?: number; end_line?: number };
  message: { text: string };
};

export default defineTool({
  name: 'get_code_quality_finding',
  title: 'Get code quality finding',
  description: 'One code quality finding by number: rule, severity, file and lines.',
  inputSchema: z.object({ owner, repo, findingNumber: z.number().int().min(1) }),
  outputSchema: z.object({
    number: z.number(),
    state: z.string(),
    rule: z.string(),
    title: z.string(),
    severity: z.string(),
    category: z.string(),
    path: z.string(),
    startLine: z.number().optional(),
    endLine: z.number().optional(),
    message: z.string(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'code_quality',
  handler: async (input, ctx) => {
    // No Octokit method covers code quality yet; this is Octokit's request with GitHub's route.
    const { data } = await ctx.deps.gh.request(
      'GET /repos/{owner}/{repo}/code-quality/findings/{finding_number}',
      {
        owner: input.owner,
        repo: input.repo,
        finding_number: input.findingNumber,
        request: { signal: ctx.signal },
      },
    );
    const f = data as Finding;
    return {
      number: f.number,
      state: f.state,
      rule: f.rule.id,
      title: f.rule.title,
      severity: f.rule.severity,
      category: f.rule.category,
      path: f.location.path,
      ...(f.location.start_line && { startLine: f.location.start_line }),
      ...(f.location.end_line && { endLine: f.location.end_line }),
      message: text(f.message.text) ?? '',
    };
  },
});
