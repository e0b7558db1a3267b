import {
  HttpError,
  notFound,
  page,
  type Request,
  type Route,
  repoOf,
  requirePush,
  route,
  str,
  validationFailed,
} from './http.js';
import { comment, issue, label } from './shapes.js';
import type { FakeIssue, FakeRepo } from './state.js';

/** Issues, comments, sub-issues and pull requests (which are issues with a head and a base). */

export function issueOf(req: Request, repo: FakeRepo, pulls = false): FakeIssue {
  const found = repo.issues[Number(req.params.number) - 1];
  if (!found || (pulls && !found.pull)) throw notFound();
  return found;
}

export function applyIssueFields(req: Request, repo: FakeRepo, target: FakeIssue): void {
  const b = req.body;
  if (typeof b.title === 'string') target.title = b.title;
  if (typeof b.body === 'string' || b.body === null) target.body = b.body as string | null;
  const push = ['admin', 'write'].includes(req.gh.permission(repo, req.login));
  // GitHub silently drops labels and assignees from users without push access.
  if (push && Array.isArray(b.labels))
    target.labels = (b.labels as string[]).filter((l) => repo.labels.some((x) => x.name === l));
  if (push && Array.isArray(b.assignees)) target.assignees = b.assignees as string[];
  if (push) applyPlanning(req, repo, target);
  if (b.state === 'open' || b.state === 'closed') {
    if (b.state !== target.state) target.closed_at = b.state === 'closed' ? req.gh.now() : null;
    target.state = b.state;
    target.state_reason =
      b.state === 'closed' ? ((b.state_reason as string | undefined) ?? 'completed') : null;
  }
  target.updated_at = req.gh.now();
}

/** Milestone, type, duplicate and issue field values: only those who can push set them. */
function applyPlanning(req: Request, repo: FakeRepo, target: FakeIssue): void {
  const b = req.body;
  if (b.milestone !== undefined) {
    const all = req.gh.milestones.get(`${repo.owner}/${repo.name}`.toLowerCase()) ?? [];
    if (b.milestone !== null && !all.some((m) => m.number === b.milestone))
      throw validationFailed('Issue', 'milestone', 'invalid');
    target.milestone = b.milestone as number | null;
  }
  if (b.type !== undefined) {
    const types = req.gh.issueTypes.get(repo.owner.toLowerCase()) ?? [];
    if (b.type !== null && !types.some((t) => t.name.toLowerCase() === String(b.type).toLowerCase()))
      throw validationFailed('Issue', 'type', 'invalid');
    target.type =
      b.type === null
        ? null
        : (types.find((t) => t.name.toLowerCase() === String(b.type).toLowerCase())?.name ?? null);
  }
  if (b.duplicate_issue_id !== undefined) {
    const original = repo.issues.find((i) => i.id === b.duplicate_issue_id);
    if (!original || original === target) throw validationFailed('Issue', 'duplicate_issue_id', 'invalid');
    target.duplicate_of = original.number;
  }
  if (Array.isArray(b.issue_field_values)) {
    const fields = req.gh.issueFields.get(repo.owner.toLowerCase()) ?? [];
    for (const v of b.issue_field_values as Array<{ field_id?: number; value?: string | number }>) {
      const field = fields.find((f) => f.id === v.field_id);
      if (!field || v.value === undefined) throw validationFailed('IssueFieldValue', 'field_id', 'invalid');
      if (field.data_type === 'single_select' && !field.options.some((o) => o.name === v.value))
        throw validationFailed('IssueFieldValue', 'value', 'invalid');
      target.field_values = { ...target.field_values, [field.id]: v.value };
    }
  }
}

/**
 * `issue_field_values=priority:P1,estimate:3`: every `field_slug:value` pair must hold. The slug
 * is the field's name in lower case, other characters as hyphens (the documented example turns
 * Priority into priority).
 */
function fieldValueFilter(
  req: Request,
  owner: string,
): (i: { field_values?: Record<number, string | number> }) => boolean {
  const raw = req.query.get('issue_field_values');
  if (!raw) return () => true;
  const fields = req.gh.issueFields.get(owner.toLowerCase()) ?? [];
  const slug = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const wanted = raw.split(',').map((pair) => {
    const at = pair.indexOf(':');
    const field = fields.find((f) => slug(f.name) === pair.slice(0, at));
    if (at <= 0 || !field) throw validationFailed('Issue', 'issue_field_values', 'invalid');
    return { id: field.id, value: pair.slice(at + 1) };
  });
  return (i) => wanted.every((w) => String(i.field_values?.[w.id] ?? '') === w.value);
}

export const issueRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/issues', (req) => {
    const repo = repoOf(req);
    const state = req.query.get('state') ?? 'open';
    const labels = req.query.get('labels')?.split(',').filter(Boolean) ?? [];
    const matchesFields = fieldValueFilter(req, repo.owner);
    const list = repo.issues
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => labels.every((l) => i.labels.includes(l)))
      .filter(matchesFields)
      .reverse();
    return page(req, list, `/repos/${repo.owner}/${repo.name}/issues`).map((i) =>
      issue(req.gh, req.urls, repo, i),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/issues', (req) => {
    const repo = repoOf(req);
    const created = req.gh.addIssue(repo, { title: str(req.body.title, 'title', 'Issue'), user: req.login });
    applyIssueFields(req, repo, created);
    return { status: 201, body: issue(req.gh, req.urls, repo, created) };
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{number}', (req) => {
    const repo = repoOf(req);
    return issue(req.gh, req.urls, repo, issueOf(req, repo));
  }),
  route('PATCH', '/repos/{owner}/{repo}/issues/{number}', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo);
    if (target.user !== req.login) requirePush(req, repo);
    applyIssueFields(req, repo, target);
    return issue(req.gh, req.urls, repo, target);
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{number}/comments', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo);
    return page(
      req,
      target.comments,
      `/repos/${repo.owner}/${repo.name}/issues/${target.number}/comments`,
    ).map((c) => comment(req.gh, req.urls, repo, target, c));
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{number}/comments', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo);
    const c = req.gh.addComment(target, req.login, str(req.body.body, 'body', 'IssueComment'));
    return { status: 201, body: comment(req.gh, req.urls, repo, target, c) };
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{number}/labels', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo);
    return repo.labels.filter((l) => target.labels.includes(l.name)).map((l) => label(req.urls, repo, l));
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{number}/sub_issues', (req) => {
    const repo = repoOf(req);
    const target = issueOf(req, repo);
    const subs = target.sub_issues.flatMap((n) =>
      repo.issues[n - 1] ? [repo.issues[n - 1] as FakeIssue] : [],
    );
    return page(req, subs, `/repos/${repo.owner}/${repo.name}/issues/${target.number}/sub_issues`).map((i) =>
      issue(req.gh, req.urls, repo, i),
    );
  }),
  route('POST', '/repos/{owner}/{repo}/issues/{number}/sub_issues', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const target = issueOf(req, repo);
    const child = repo.issues.find((i) => i.id === req.body.sub_issue_id);
    if (!child)
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'Issue', field: 'sub_issue_id', code: 'invalid' }],
      });
    // An issue has at most one parent: moving it takes replace_parent.
    const parent = parentOf(repo, child.number);
    if (parent && parent !== target) {
      if (req.body.replace_parent !== true)
        throw validationFailed('Issue', 'sub_issue_id', 'invalid', 'Sub-issue already has a parent');
      parent.sub_issues = parent.sub_issues.filter((n) => n !== child.number);
    }
    if (!target.sub_issues.includes(child.number)) target.sub_issues.push(child.number);
    return { status: 201, body: issue(req.gh, req.urls, repo, target) };
  }),
  route('PATCH', '/repos/{owner}/{repo}/issues/{number}/sub_issues/priority', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const target = issueOf(req, repo);
    const numberOf = (id: unknown) => repo.issues.find((i) => i.id === id)?.number;
    const child = numberOf(req.body.sub_issue_id);
    const anchor = numberOf(req.body.after_id ?? req.body.before_id);
    if (!child || !anchor || !target.sub_issues.includes(child) || !target.sub_issues.includes(anchor))
      throw validationFailed('Issue', 'sub_issue_id', 'invalid');
    const rest = target.sub_issues.filter((n) => n !== child);
    const at = rest.indexOf(anchor) + (req.body.after_id !== undefined ? 1 : 0);
    target.sub_issues = [...rest.slice(0, at), child, ...rest.slice(at)];
    return issue(req.gh, req.urls, repo, target);
  }),
  route('DELETE', '/repos/{owner}/{repo}/issues/{number}/issue-field-values/{field_id}', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const target = issueOf(req, repo);
    const id = Number(req.params.field_id);
    if (target.field_values?.[id] === undefined) throw notFound();
    delete target.field_values[id];
    return { status: 204 };
  }),
  route('GET', '/repos/{owner}/{repo}/issues/{number}/parent', (req) => {
    const repo = repoOf(req);
    const parent = parentOf(repo, issueOf(req, repo).number);
    if (!parent) throw notFound();
    return issue(req.gh, req.urls, repo, parent);
  }),
  route('DELETE', '/repos/{owner}/{repo}/issues/{number}/sub_issue', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const target = issueOf(req, repo);
    const child = repo.issues.find((i) => i.id === req.body.sub_issue_id);
    if (!child || !target.sub_issues.includes(child.number)) throw notFound();
    target.sub_issues = target.sub_issues.filter((n) => n !== child.number);
    return issue(req.gh, req.urls, repo, child);
  }),
];

function parentOf(repo: FakeRepo, number: number): FakeIssue | undefined {
  return repo.issues.find((i) => i.sub_issues.includes(number));
}
