import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { issueNumber } from '../issues.js';
import { owner, repo } from '../tool-args.js';

const reacted = z.object({ id: z.number(), content: z.string() });

export default defineTool({
  name: 'add_issue_comment',
  title: 'Comment on issue',
  description: 'Comment on or react to an issue or pull request, or react to its comment_id.',
  inputSchema: z.object({
    owner,
    repo,
    issue_number: issueNumber,
    body: z.string().min(1).optional(),
    reaction: z.enum(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']).optional(),
    comment_id: z.number().int().optional(),
  }),
  outputSchema: z.object({
    id: z.number().optional(),
    url: z.string().optional(),
    reaction: reacted.optional(),
  }),
  annotations: writes({ openWorld: true }),
  toolset: 'issues',
  handler: async (input, ctx) => {
    const { owner, repo, issue_number, body, reaction, comment_id } = input;
    if (comment_id !== undefined && body !== undefined)
      throw new InvalidInputError('comment_id is for reacting to a comment; it cannot go with body.');
    if (comment_id !== undefined && !reaction) throw new InvalidInputError('comment_id needs a reaction.');
    if (body === undefined && !reaction) throw new InvalidInputError('Pass body, reaction, or both.');
    const gh = ctx.deps.gh;
    const out: { id?: number; url?: string; reaction?: z.infer<typeof reacted> } = {};
    if (reaction && comment_id !== undefined) {
      // A comment id names a comment anywhere in the repository; only one on this issue is meant.
      const { data: c } = await gh.rest.issues.getComment({ owner, repo, comment_id });
      if (!c.issue_url.endsWith(`/issues/${issue_number}`))
        throw new InvalidInputError(`Comment ${comment_id} is not on #${issue_number}.`);
      const { data } = await gh.rest.reactions.createForIssueComment({
        owner,
        repo,
        comment_id,
        content: reaction,
      });
      out.reaction = { id: data.id, content: data.content };
    } else if (reaction) {
      const { data } = await gh.rest.reactions.createForIssue({
        owner,
        repo,
        issue_number,
        content: reaction,
      });
      out.reaction = { id: data.id, content: data.content };
    }
    if (body !== undefined) {
      const { data } = await gh.rest.issues.createComment({ owner, repo, issue_number, body });
      out.id = data.id;
      out.url = data.html_url;
    }
    return out;
  },
});
