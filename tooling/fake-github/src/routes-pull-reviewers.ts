import { HttpError, type Route, repoOf, requirePush, route } from './http.js';
import { issueOf } from './routes-issues.js';
import { pull } from './routes-pulls.js';

/** Review requests on a pull request: only collaborators may be asked, never the author. */
export const pullReviewerRoutes: Route[] = [
  route('POST', '/repos/{owner}/{repo}/pulls/{number}/requested_reviewers', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo, true);
    if (target.user !== req.login) requirePush(req, repo);
    const logins = Array.isArray(req.body.reviewers) ? (req.body.reviewers as unknown[]).map(String) : [];
    for (const login of logins) {
      if (login.toLowerCase() === target.user.toLowerCase())
        throw new HttpError(422, 'Review cannot be requested from pull request author.');
      if (!repo.collaborators.has(login.toLowerCase()))
        throw new HttpError(
          422,
          `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner}/${repo.name} repository.`,
        );
    }
    const p = target.pull;
    if (p) {
      const known = new Set((p.requested_reviewers ?? []).map((l) => l.toLowerCase()));
      p.requested_reviewers = [
        ...(p.requested_reviewers ?? []),
        ...logins.filter((l) => !known.has(l.toLowerCase())),
      ];
    }
    return { status: 201, body: pull(req, repo, target, false) };
  }),
];
