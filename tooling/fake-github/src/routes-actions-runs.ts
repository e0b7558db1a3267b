import { HttpError, notFound, page, type Request, type Route, repoOf, requirePush, route } from './http.js';
import { run as runView } from './routes-actions.js';
import type { FakeRepo } from './state.js';

/** More of a workflow run: its artifacts, usage, logs archive (via redirects), failed-job reruns. */

const key = (repo: FakeRepo) => `${repo.owner}/${repo.name}`.toLowerCase();

function runOf(req: Request) {
  const repo = repoOf(req);
  const run = req.gh.runs.find((r) => r.repo === key(repo) && String(r.id) === req.params.run_id);
  if (!run) throw notFound();
  return { repo, run };
}

function artifact(
  req: Request,
  repo: FakeRepo,
  a: { id: number; run_id: number; name: string; size: number },
) {
  const url = `${req.urls.api}/repos/${repo.owner}/${repo.name}/actions/artifacts/${a.id}`;
  const run = req.gh.runs.find((r) => r.id === a.run_id);
  return {
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.size,
    url,
    archive_download_url: `${url}/zip`,
    expired: false,
    created_at: run?.created_at ?? null,
    expires_at: null,
    updated_at: run?.created_at ?? null,
    workflow_run: run ? { id: run.id, head_branch: run.head_branch, head_sha: run.head_sha } : null,
  };
}

export const actionRunRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', (req) => {
    const repo = repoOf(req);
    const id = req.params.workflow_id;
    const w = req.gh.workflows.find(
      (x) => x.repo === key(repo) && (String(x.id) === id || x.path.endsWith(`/${id}`)),
    );
    if (!w) throw notFound();
    const q = req.query;
    const all = req.gh.runs
      .filter(
        (r) =>
          r.workflow_id === w.id &&
          (!q.get('status') || r.status === q.get('status') || r.conclusion === q.get('status')) &&
          (!q.get('branch') || r.head_branch === q.get('branch')) &&
          (!q.get('event') || r.event === q.get('event')),
      )
      .reverse();
    const path = `/repos/${repo.owner}/${repo.name}/actions/workflows/${w.id}/runs`;
    return { total_count: all.length, workflow_runs: page(req, all, path).map((r) => runView(req, repo, r)) };
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', (req) => {
    const { repo, run } = runOf(req);
    const all = req.gh.artifacts.filter((a) => a.run_id === run.id);
    const path = `/repos/${repo.owner}/${repo.name}/actions/runs/${run.id}/artifacts`;
    return { total_count: all.length, artifacts: page(req, all, path).map((a) => artifact(req, repo, a)) };
  }),
  route('GET', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{format}', (req) => {
    repoOf(req);
    const a = req.gh.artifacts.find((x) => String(x.id) === req.params.artifact_id);
    if (!a || req.params.format !== 'zip') throw notFound();
    return { status: 302, text: '', headers: { location: `${req.urls.api}/_blobs/artifact-${a.id}.zip` } };
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/timing', (req) => {
    const { run } = runOf(req);
    const jobs = req.gh.jobs.filter((j) => j.run_id === run.id);
    const job_runs = jobs.map((j) => ({ job_id: j.id, duration_ms: 60_000 }));
    return {
      billable: { UBUNTU: { total_ms: job_runs.length * 60_000, jobs: jobs.length, job_runs } },
      run_duration_ms: 90_000,
    };
  }),
  route('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/logs', (req) => {
    const { run } = runOf(req);
    if (req.gh.logsDeleted.has(run.id)) throw new HttpError(410, 'Gone');
    return { status: 302, text: '', headers: { location: `${req.urls.api}/_blobs/logs-${run.id}.zip` } };
  }),
  route('DELETE', '/repos/{owner}/{repo}/actions/runs/{run_id}/logs', (req) => {
    const { repo, run } = runOf(req);
    requirePush(req, repo);
    req.gh.logsDeleted.add(run.id);
    return { status: 204 };
  }),
  route('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', (req) => {
    const { repo, run } = runOf(req);
    requirePush(req, repo);
    if (run.conclusion !== 'failure')
      throw new HttpError(403, 'This workflow run has no failed jobs to re-run.');
    Object.assign(run, { status: 'queued', conclusion: null });
    return { status: 201, body: {} };
  }),
];
