import { HttpError, notFound, type Request, type Route, repoOf, route } from './http.js';
import { issueOf } from './routes-issues.js';
import { comment, userByLogin } from './shapes.js';
import type { FakeReaction, FakeRepo } from './state.js';

/** Reactions on issues (and pull requests) and on their comments, and reading one issue comment. */

const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

function issueComment(req: Request, repo: FakeRepo) {
  for (const issue of repo.issues) {
    const found = issue.comments.find((c) => String(c.id) === req.params.comment_id);
    if (found) return { issue, comment: found };
  }
  throw notFound();
}

/** Adds the caller's reaction to an issue, an issue comment or a review comment, as GitHub does. */
export function react(req: Request, holder: { reactions?: FakeReaction[] }) {
  const content = String(req.body.content ?? '');
  if (!REACTIONS.includes(content)) {
    throw new HttpError(422, 'Validation Failed', {
      errors: [{ resource: 'Reaction', field: 'content', code: 'invalid' }],
    });
  }
  holder.reactions ??= [];
  const existing = holder.reactions.find((r) => r.user === req.login && r.content === content);
  const reaction = existing ?? { id: req.gh.id(), user: req.login, content, created_at: req.gh.now() };
  if (!existing) holder.reactions.push(reaction);
  const body = {
    id: reaction.id,
    node_id: `REA_${reaction.id}`,
    user: userByLogin(req.gh, req.urls, reaction.user),
    content: reaction.content,
    created_at: reaction.created_at,
  };
  // GitHub answers 200 when the user had already reacted so.
  return { status: existing ? 200 : 201, body };
}

export const reactionRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}', (req) => {
    const repo = repoOf(req);
    const found = issueComment(req, repo);
    return comment(req.gh, req.urls, repo, found.issue, found.comment);
  }),
  route('POST', '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', (req) =>
    react(req, issueComment(req, repoOf(req)).comment),
  ),
  route('POST', '/repos/{owner}/{repo}/issues/{number}/reactions', (req) => {
    const repo = repoOf(req);
    return react(req, issueOf(req, repo));
  }),
];
