import { HttpError, notFound, page, type Request, type Route, repoOf, requirePush, route } from './http.js';
import { repository } from './shapes.js';
import type { FakeJob, FakeRepo, FakeRun, FakeWorkflow } from './state.js';

/** GitHub Actions: workflows, runs, jobs, job logs (via a redirect, as GitHub does), dispatch. */

const key = (repo: FakeRepo) => `${repo.owner}/${repo.name}`.toLowerCase();
const base = (req: Request, repo: FakeRepo) => `${req.urls.api}/repos/${repo.owner}/${repo.name}`;

function workflow(req: Request, repo: FakeRepo, w: FakeWorkflow) {
  return {
    id: w.id,
    node_id: `W_${w.id}`,
    name: w.name,
    path: w.path,
    state: 'active',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    url: `${base(req, repo)}/actions/workflows/${w.id}`,
    html_url: `${req.urls.web}/${repo.owner}/${repo.name}/blob/main/${w.path}`,
    badge_url: `${req.urls.web}/${repo.owner}/${repo.name}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}

export function run(req: Request, repo: FakeRepo, r: FakeRun) {
  const url = `${base(req, repo)}/actions/runs/${r.id}`;
  const commit = req.gh.commits.get(r.head_sha);
  const workflowOf = req.gh.workflows.find((w) => w.id === r.workflow_id);
  const full = repository(req.gh, req.urls, repo, req.login);
  return {
    id: r.id,
    node_id: `WR_${r.id}`,
    name: workflowOf?.name ?? null,
    display_title: commit?.message.split('\n')[0] ?? 'run',
    head_branch: r.head_branch,
    head_sha: r.head_sha,
    path: workflowOf?.path ?? '',
    run_number: r.run_number,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflow_id,
    url,
    html_url: `${req.urls.web}/${repo.owner}/${repo.name}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: r.created_at,
    updated_at: r.created_at,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${base(req, repo)}/check-suites/${r.id}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    workflow_url: `${base(req, repo)}/actions/workflows/${r.workflow_id}`,
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: commit.tree,
          message: commit.message,
          timestamp: commit.author.date,
          author: { name: commit.author.name, email: commit.author.email },
          committer: { name: commit.author.name, email: commit.author.email },
        }
      : null,
    repository: full,
    head_repository: full,
  };
}

function job(req: Request, repo: FakeRepo, j: FakeJob) {
  const r = req.gh.runs.find((x) => x.id === j.run_id);
  const url = `${base(req, repo)}/actions/jobs/${j.id}`;
  return {
    id: j.id,
    run_id: j.run_id,
    run_url: `${base(req, repo)}/actions/runs/${j.run_id}`,
    node_id: `J_${j.id}`,
    head_sha: r?.head_sha ?? '',
    head_branch: r?.head_branch ?? null,
    workflow_name: req.gh.workflows.find((w) => w.id === r?.workflow_id)?.name ?? null,
    name: j.name,
    url,
    html_url: `${req.urls.web}/${repo.owner}/${repo.name}/actions/runs/${j.run_id}/job/${j.id}`,
    status: 'completed',
    conclusion: j.conclusion,
    created_at: r?.created_at ?? '',
    started_at: r?.created_at ?? '',
    completed_at: r?.created_at ?? null,
    check_run_url: `${base(req, repo)}/check-runs/${j.id}`,
    steps: [{ name: 'Run tests', status: 'completed', conclusion: j.conclusion, number: 1 }],
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 1,
    runner_group_name: 'GitHub Actions',
  };
}

const find = <T extends { id: number }>(items: T[], id: string | undefined): T => {
  const found = items.find((i) => String(i.id) === id);
  if (!found) throw notFound();
  return found;
};

export const actionRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/actions/workflows', (req) => {
    const repo = repoOf(req);
    const all = req.gh.workflows.filter((w) => w.repo === key(repo));
    return {
      total_count: all.length,
      workflows: page(req, all, `/repos/${repo.owner}/${repo.name}/actions/workflows`).map((w) =>
        workflow(req, repo, w),
      ),
    };
  }),
  route('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}', (req) => {
    const repo = repoOf(req);
    const id = req.params.workflow_id;
    const w = req.gh.workflows.find(
      (x) => x.repo === key(repo) && (String(x.id) === id || x.path.endsWith(`/${id}`)),
    );
    if (!w) throw notFound();
    return workflow(req, repo, w);
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs', (req) => {
    const repo = repoOf(req);
    const status = req.query.get('status');
    const all = req.gh.runs
      .filter((r) => r.repo === key(repo) && (!status || r.status === status || r.conclusion === status))
      .reverse();
    return {
      total_count: all.length,
      workflow_runs: page(req, all, `/repos/${repo.owner}/${repo.name}/actions/runs`).map((r) =>
        run(req, repo, r),
      ),
    };
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', (req) => {
    const repo = repoOf(req);
    return run(
      req,
      repo,
      find(
        req.gh.runs.filter((r) => r.repo === key(repo)),
        req.params.run_id,
      ),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs', (req) => {
    const repo = repoOf(req);
    const r = find(
      req.gh.runs.filter((x) => x.repo === key(repo)),
      req.params.run_id,
    );
    const all = req.gh.jobs.filter((j) => j.run_id === r.id);
    return {
      total_count: all.length,
      jobs: page(req, all, `/repos/${repo.owner}/${repo.name}/actions/runs/${r.id}/jobs`).map((j) =>
        job(req, repo, j),
      ),
    };
  }),
  route('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}', (req) => {
    const repo = repoOf(req);
    return job(req, repo, find(req.gh.jobs, req.params.job_id));
  }),
  route('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs', (req) => {
    repoOf(req);
    const j = find(req.gh.jobs, req.params.job_id);
    return { status: 302, text: '', headers: { location: `${req.urls.api}/_logs/${j.id}` } };
  }),
  // Where GitHub's log redirect points: a short-lived blob URL outside the REST API.
  route('GET', '/_logs/{job_id}', (req) => ({ status: 200, text: find(req.gh.jobs, req.params.job_id).log })),
  route('POST', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const id = req.params.workflow_id;
    const w = req.gh.workflows.find(
      (x) => x.repo === key(repo) && (String(x.id) === id || x.path.endsWith(`/${id}`)),
    );
    if (!w) throw notFound();
    const ref = String(req.body.ref ?? '');
    const sha = req.gh.resolve(repo, ref);
    if (!sha) throw new HttpError(422, `No ref found for: ${ref}`);
    const runs = req.gh.runs.filter((r) => r.repo === key(repo));
    req.gh.runs.push({
      id: req.gh.id(),
      repo: key(repo),
      workflow_id: w.id,
      run_number: runs.length + 1,
      head_branch: ref,
      head_sha: sha,
      event: 'workflow_dispatch',
      status: 'queued',
      conclusion: null,
      created_at: req.gh.now(),
    });
    return { status: 204 };
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const r = find(
      req.gh.runs.filter((x) => x.repo === key(repo)),
      req.params.run_id,
    );
    Object.assign(r, { status: 'queued', conclusion: null });
    return { status: 201, body: {} };
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const r = find(
      req.gh.runs.filter((x) => x.repo === key(repo)),
      req.params.run_id,
    );
    if (r.status === 'completed') throw new HttpError(409, 'Cannot cancel a workflow run that is completed.');
    Object.assign(r, { status: 'completed', conclusion: 'cancelled' });
    return { status: 202, body: {} };
  }),
];
