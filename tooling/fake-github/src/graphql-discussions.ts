import {
  actor,
  canPush,
  connection,
  forbidden,
  type GraphqlContext,
  gqlError,
  notFoundNode,
  type PageArgs,
  parseNodeId,
  webUrl,
} from './graphql-views.js';
import type { FakeDiscussion, FakeDiscussionComment, FakeRepo } from './state.js';

/** Discussions over GraphQL (GitHub has no REST API for them): reads and the comment mutations. */

type Found = { repo: FakeRepo; discussion: FakeDiscussion };

function categoryView(repo: FakeRepo, categoryId: number) {
  const c = repo.discussion_categories.find((x) => x.id === categoryId);
  if (!c) return null;
  return {
    __typename: 'DiscussionCategory',
    id: `DIC_${c.id}`,
    name: c.name,
    slug: c.slug,
    emoji: c.emoji,
    emojiHTML: `<div>${c.emoji}</div>`,
    description: c.description,
    isAnswerable: c.answerable,
    createdAt: c.created_at,
    updatedAt: c.created_at,
  };
}

function commentView(ctx: GraphqlContext, found: Found, c: FakeDiscussionComment): Record<string, unknown> {
  const { repo, discussion } = found;
  const parent = c.reply_to === null ? undefined : discussion.comments.find((x) => x.id === c.reply_to);
  const mine = c.user.toLowerCase() === ctx.login.toLowerCase();
  return {
    __typename: 'DiscussionComment',
    id: `DC_${c.id}`,
    databaseId: c.id,
    body: c.body,
    bodyText: c.body,
    bodyHTML: c.body,
    url: webUrl(ctx, repo, `/discussions/${discussion.number}#discussioncomment-${c.id}`),
    resourcePath: `/${repo.owner}/${repo.name}/discussions/${discussion.number}#discussioncomment-${c.id}`,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    publishedAt: c.created_at,
    lastEditedAt: c.updated_at === c.created_at ? null : c.updated_at,
    deletedAt: null,
    isAnswer: discussion.answer_id === c.id,
    isMinimized: false,
    upvoteCount: 0,
    author: actor(ctx, c.user),
    viewerDidAuthor: mine,
    viewerCanUpdate: mine || canPush(ctx, repo),
    viewerCanDelete: mine || canPush(ctx, repo),
    discussion: () => discussionView(ctx, found),
    replyTo: parent ? commentView(ctx, found, parent) : null,
    replies: (args: PageArgs) =>
      connection(
        discussion.comments.filter((x) => x.reply_to === c.id),
        args,
        (r) => commentView(ctx, found, r),
        'replies',
      ),
  };
}

export function discussionView(ctx: GraphqlContext, found: Found): Record<string, unknown> {
  const { repo, discussion: d } = found;
  const category = repo.discussion_categories.find((c) => c.id === d.category_id);
  const answer = d.comments.find((c) => c.id === d.answer_id);
  return {
    __typename: 'Discussion',
    id: `D_${d.id}`,
    databaseId: d.id,
    number: d.number,
    title: d.title,
    body: d.body,
    bodyText: d.body,
    bodyHTML: d.body,
    url: webUrl(ctx, repo, `/discussions/${d.number}`),
    resourcePath: `/${repo.owner}/${repo.name}/discussions/${d.number}`,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    publishedAt: d.created_at,
    closed: d.closed,
    closedAt: null,
    locked: false,
    upvoteCount: 0,
    isAnswered: category?.answerable ? d.answer_id !== null : false,
    answerChosenAt: d.answer_chosen_at,
    answerChosenBy: actor(ctx, d.answer_chosen_by),
    answer: answer ? commentView(ctx, found, answer) : null,
    author: actor(ctx, d.user),
    viewerDidAuthor: d.user.toLowerCase() === ctx.login.toLowerCase(),
    category: categoryView(repo, d.category_id),
    comments: (args: PageArgs) =>
      connection(
        d.comments.filter((c) => c.reply_to === null),
        args,
        (c) => commentView(ctx, found, c),
        'comments',
      ),
  };
}

interface DiscussionsArgs extends PageArgs {
  categoryId?: string | null;
  states?: string[];
  answered?: boolean | null;
  orderBy: { field: 'CREATED_AT' | 'UPDATED_AT'; direction: 'ASC' | 'DESC' };
}

/** The fields a Repository view gets for its discussions. */
export function repositoryDiscussionFields(ctx: GraphqlContext, repo: FakeRepo) {
  return {
    hasDiscussionsEnabled: true,
    discussion: ({ number }: { number: number }) => {
      const discussion = repo.discussions.find((d) => d.number === number);
      if (!discussion) {
        throw gqlError('NOT_FOUND', `Could not resolve to a Discussion with the number of ${number}.`);
      }
      return discussionView(ctx, { repo, discussion });
    },
    discussions: (args: DiscussionsArgs) => {
      const category = args.categoryId ? parseNodeId(args.categoryId) : undefined;
      const key = args.orderBy.field === 'CREATED_AT' ? 'created_at' : 'updated_at';
      const sign = args.orderBy.direction === 'ASC' ? 1 : -1;
      const list = repo.discussions
        .filter((d) => !args.categoryId || (category?.prefix === 'DIC' && d.category_id === category.id))
        .filter((d) => !args.states?.length || args.states.includes(d.closed ? 'CLOSED' : 'OPEN'))
        .filter((d) => args.answered == null || args.answered === (d.answer_id !== null))
        .sort((a, b) => sign * a[key].localeCompare(b[key]) || sign * (a.number - b.number));
      return connection(list, args, (discussion) => discussionView(ctx, { repo, discussion }), 'discussions');
    },
    discussionCategories: (args: PageArgs) =>
      connection(repo.discussion_categories, args, (c) => categoryView(repo, c.id), 'discussionCategories'),
  };
}

/** A discussion or discussion comment by global id, in a repository the viewer can see. */
export function findDiscussionNode(ctx: GraphqlContext, nodeId: string) {
  const parsed = parseNodeId(nodeId);
  for (const repo of ctx.gh.repos.values()) {
    if (!parsed || !ctx.gh.canSee(repo, ctx.login)) continue;
    for (const discussion of repo.discussions) {
      if (parsed.prefix === 'D' && discussion.id === parsed.id) return { repo, discussion };
      const comment = discussion.comments.find((c) => c.id === parsed.id);
      if (parsed.prefix === 'DC' && comment) return { repo, discussion, comment };
    }
  }
  return undefined;
}

/** The view of a discussion or discussion comment, for `node(id:)`. */
export function discussionNode(ctx: GraphqlContext, nodeId: string): Record<string, unknown> | undefined {
  const found = findDiscussionNode(ctx, nodeId);
  if (!found) return undefined;
  return 'comment' in found && found.comment
    ? commentView(ctx, found, found.comment)
    : discussionView(ctx, found);
}

function commentById(ctx: GraphqlContext, nodeId: string) {
  const found = findDiscussionNode(ctx, nodeId);
  if (!found || !('comment' in found) || !found.comment) throw notFoundNode(nodeId);
  return found as Found & { comment: FakeDiscussionComment };
}

function requireBody(body: string): string {
  if (!body.trim()) throw gqlError('UNPROCESSABLE', "Body can't be blank");
  return body;
}

type Input<T> = { input: T };

export function discussionMutations(ctx: GraphqlContext) {
  const mayEdit = (found: Found, author: string, mutation: string) => {
    if (author.toLowerCase() !== ctx.login.toLowerCase() && !canPush(ctx, found.repo)) {
      throw forbidden(ctx, mutation);
    }
  };
  const mayAnswer = (found: Found, mutation: string) => {
    mayEdit(found, found.discussion.user, mutation);
    const category = found.repo.discussion_categories.find((c) => c.id === found.discussion.category_id);
    if (!category?.answerable) {
      throw gqlError('UNPROCESSABLE', 'Discussion category does not allow answers.');
    }
  };
  return {
    addDiscussionComment: ({
      input,
    }: Input<{ discussionId: string; replyToId?: string | null; body: string }>) => {
      const found = findDiscussionNode(ctx, input.discussionId);
      if (!found || 'comment' in found) throw notFoundNode(input.discussionId);
      const body = requireBody(input.body);
      // GitHub nests replies one level deep, and takes a replyToId it cannot resolve in this
      // discussion as no reply at all: the comment is then a top-level one.
      const target = found.discussion.comments.find((c) => `DC_${c.id}` === input.replyToId);
      const replyTo = target ? (target.reply_to ?? target.id) : null;
      const comment = ctx.gh.addDiscussionComment(found.discussion, ctx.login, body, replyTo);
      return { comment: commentView(ctx, found, comment) };
    },
    updateDiscussionComment: ({ input }: Input<{ commentId: string; body: string }>) => {
      const found = commentById(ctx, input.commentId);
      mayEdit(found, found.comment.user, 'UpdateDiscussionComment');
      found.comment.body = requireBody(input.body);
      found.comment.updated_at = ctx.gh.now();
      return { comment: commentView(ctx, found, found.comment) };
    },
    deleteDiscussionComment: ({ input }: Input<{ id: string }>) => {
      const found = commentById(ctx, input.id);
      mayEdit(found, found.comment.user, 'DeleteDiscussionComment');
      const view = commentView(ctx, found, found.comment);
      const gone = new Set([found.comment.id]);
      for (const c of found.discussion.comments) if (c.reply_to === found.comment.id) gone.add(c.id);
      found.discussion.comments = found.discussion.comments.filter((c) => !gone.has(c.id));
      if (found.discussion.answer_id !== null && gone.has(found.discussion.answer_id)) {
        Object.assign(found.discussion, { answer_id: null, answer_chosen_at: null, answer_chosen_by: null });
      }
      return { comment: view };
    },
    markDiscussionCommentAsAnswer: ({ input }: Input<{ id: string }>) => {
      const found = commentById(ctx, input.id);
      mayAnswer(found, 'MarkDiscussionCommentAsAnswer');
      Object.assign(found.discussion, {
        answer_id: found.comment.id,
        answer_chosen_at: ctx.gh.now(),
        answer_chosen_by: ctx.login,
      });
      return { discussion: discussionView(ctx, found) };
    },
    unmarkDiscussionCommentAsAnswer: ({ input }: Input<{ id: string }>) => {
      const found = commentById(ctx, input.id);
      mayAnswer(found, 'UnmarkDiscussionCommentAsAnswer');
      if (found.discussion.answer_id === found.comment.id) {
        Object.assign(found.discussion, { answer_id: null, answer_chosen_at: null, answer_chosen_by: null });
      }
      return { discussion: discussionView(ctx, found) };
    },
  };
}
