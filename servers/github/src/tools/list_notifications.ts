import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, pageParams, paging } from '../tool-args.js';

export default defineTool({
  name: 'list_notifications',
  title: 'List notifications',
  description: 'Your notification threads, newest first; filter by repository, read state and time.',
  inputSchema: z.object({
    filter: z.enum(['default', 'include_read_notifications', 'only_participating']).default('default'),
    since: z.string().optional().describe('ISO 8601'),
    before: z.string().optional().describe('ISO 8601'),
    owner: z.string().optional(),
    repo: z.string().optional(),
    ...paging,
  }),
  outputSchema: z.object({
    notifications: z.array(
      z.object({
        id: z.string(),
        repo: z.string(),
        title: z.string(),
        type: z.string(),
        reason: z.string(),
        unread: z.boolean(),
        updated: z.string(),
      }),
    ),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'notifications',
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const q = {
      all: input.filter === 'include_read_notifications',
      participating: input.filter === 'only_participating',
      ...(input.since && { since: input.since }),
      ...(input.before && { before: input.before }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    };
    const res =
      input.owner && input.repo
        ? await gh.rest.activity.listRepoNotificationsForAuthenticatedUser({
            ...q,
            owner: input.owner,
            repo: input.repo,
          })
        : await gh.rest.activity.listNotificationsForAuthenticatedUser(q);
    return {
      notifications: res.data.map((n) => ({
        id: n.id,
        repo: n.repository.full_name,
        title: text(n.subject.title) ?? '',
        type: n.subject.type,
        reason: n.reason,
        unread: n.unread,
        updated: n.updated_at,
      })),
      ...nextPageOf(res.headers),
    };
  },
});
