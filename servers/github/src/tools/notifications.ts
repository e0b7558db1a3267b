import * as z from 'zod';
import {
  defineTool,
  type GitHubTool,
  nextPage,
  nextPageOf,
  pageParams,
  paging,
  READ,
  text,
  WRITE,
} from './common.js';

const listNotifications = defineTool({
  name: 'list_notifications',
  title: 'List notifications',
  description: 'Your notification threads, newest first; filter by repository, read state and time.',
  inputSchema: z.object({
    filter: z.enum(['default', 'include_read_notifications', 'only_participating']).default('default'),
    since: z.string().optional().describe('ISO 8601'),
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
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const q = {
      all: input.filter === 'include_read_notifications',
      participating: input.filter === 'only_participating',
      ...(input.since && { since: input.since }),
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

const dismissNotification = defineTool({
  name: 'dismiss_notification',
  title: 'Dismiss notification',
  description: 'Mark one notification thread read, or done (removed from the inbox).',
  inputSchema: z.object({ threadID: z.string(), state: z.enum(['read', 'done']) }),
  outputSchema: z.object({ threadID: z.string(), state: z.string() }),
  annotations: { ...WRITE, idempotentHint: true },
  handler: async (input, ctx) => {
    const thread_id = Number(input.threadID);
    if (input.state === 'done') await ctx.deps.gh.rest.activity.markThreadAsDone({ thread_id });
    else await ctx.deps.gh.rest.activity.markThreadAsRead({ thread_id });
    return input;
  },
});

const markAllRead = defineTool({
  name: 'mark_all_notifications_read',
  title: 'Mark all notifications read',
  description:
    "Mark every notification read, or only one repository's; optionally only those up to lastReadAt.",
  inputSchema: z.object({
    lastReadAt: z.string().optional(),
    owner: z.string().optional(),
    repo: z.string().optional(),
  }),
  outputSchema: z.object({ scope: z.string() }),
  annotations: { ...WRITE, idempotentHint: true },
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const at = input.lastReadAt ? { last_read_at: input.lastReadAt } : {};
    if (input.owner && input.repo) {
      await gh.rest.activity.markRepoNotificationsAsRead({ owner: input.owner, repo: input.repo, ...at });
      return { scope: `${input.owner}/${input.repo}` };
    }
    await gh.rest.activity.markNotificationsAsRead(at);
    return { scope: 'all' };
  },
});

export const notificationTools: GitHubTool[] = [listNotifications, dismissNotification, markAllRead];
