import { notFound, page, type Request, type Route, repoOf, requirePush, route } from './http.js';
import type { FakeAlert, FakeRepo } from './state.js';

/**
 * Code scanning, secret scanning and Dependabot alerts (read-only). GitHub hides them from users
 * without write access to the repository: such requests answer 403, as here.
 */

const PATHS = { code: 'code-scanning', secret: 'secret-scanning', dependabot: 'dependabot' } as const;

function shape(req: Request, repo: FakeRepo, a: FakeAlert) {
  const url = `${req.urls.api}/repos/${repo.owner}/${repo.name}/${PATHS[a.kind]}/alerts/${a.number}`;
  const html = `${req.urls.web}/${repo.owner}/${repo.name}/security/${PATHS[a.kind]}/${a.number}`;
  const common = { number: a.number, created_at: a.created_at, url, html_url: html };
  if (a.kind === 'code') {
    return {
      ...common,
      updated_at: a.created_at,
      instances_url: `${url}/instances`,
      state: a.state,
      fixed_at: null,
      dismissed_by: null,
      dismissed_at: null,
      dismissed_reason: null,
      rule: {
        id: a.subject,
        name: a.subject,
        severity: 'error',
        security_severity_level: a.severity,
        description: a.summary,
        tags: ['security'],
      },
      tool: { name: 'CodeQL', guid: null, version: '2.20.0' },
      most_recent_instance: {
        ref: 'refs/heads/main',
        analysis_key: '.github/workflows/codeql.yml:analyze',
        environment: '{}',
        category: '.github/workflows/codeql.yml:analyze',
        state: a.state,
        commit_sha: repo.branches.get('main') ?? '',
        message: { text: a.summary },
        location: { path: a.path, start_line: 1, end_line: 1, start_column: 1, end_column: 10 },
        classifications: [],
      },
    };
  }
  if (a.kind === 'secret') {
    return {
      ...common,
      updated_at: a.created_at,
      locations_url: `${url}/locations`,
      state: a.state === 'resolved' ? 'resolved' : 'open',
      resolution: a.state === 'resolved' ? (a.resolution ?? 'revoked') : null,
      resolved_at: null,
      resolved_by: null,
      secret_type: a.subject,
      secret_type_display_name: a.summary,
      // Security: the fake never returns the secret value itself; neither do our tools.
      secret: 'redacted',
      validity: 'unknown',
    };
  }
  const advisory = {
    ghsa_id: 'GHSA-xxxx-yyyy-zzzz',
    cve_id: null,
    summary: a.summary,
    description: a.summary,
    vulnerabilities: [],
    severity: a.severity,
    cvss: { score: 7.5, vector_string: null },
    cwes: [],
    identifiers: [{ value: 'GHSA-xxxx-yyyy-zzzz', type: 'GHSA' }],
    references: [],
    published_at: a.created_at,
    updated_at: a.created_at,
    withdrawn_at: null,
  };
  const pkg = { ecosystem: 'npm', name: a.subject };
  return {
    ...common,
    state: a.state === 'resolved' ? 'fixed' : a.state,
    dependency: { package: pkg, manifest_path: a.path, scope: 'runtime' },
    security_advisory: advisory,
    security_vulnerability: {
      package: pkg,
      severity: a.severity,
      vulnerable_version_range: '< 1.2.3',
      first_patched_version: { identifier: '1.2.3' },
    },
    updated_at: a.created_at,
    dismissed_at: null,
    dismissed_by: null,
    dismissed_reason: null,
    dismissed_comment: null,
    fixed_at: null,
  };
}

/**
 * Dependabot pages by cursor, not page number: `after` is an opaque cursor from the Link header's
 * next link (here the base64 of the last alert number shown).
 */
function cursorPage(req: Request, items: readonly FakeAlert[], path: string): FakeAlert[] {
  const perPage = Math.min(Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1), 100);
  const after = req.query.get('after');
  const from = after ? Number(Buffer.from(after, 'base64url').toString()) : 0;
  const rest = items.filter((a) => a.number > from).sort((a, b) => a.number - b.number);
  const shown = rest.slice(0, perPage);
  const last = shown.at(-1);
  if (last && rest.length > perPage) {
    const q = new URLSearchParams(req.query);
    q.delete('page');
    q.set('per_page', String(perPage));
    q.set('after', Buffer.from(String(last.number)).toString('base64url'));
    req.link = `<${req.urls.api}${path}?${q}>; rel="next"`;
  }
  return shown;
}

function alertsOf(req: Request, kind: FakeAlert['kind']) {
  const repo = repoOf(req);
  requirePush(req, repo);
  const key = `${repo.owner}/${repo.name}`.toLowerCase();
  return { repo, list: req.gh.alerts.filter((a) => a.kind === kind && a.repo === key) };
}

export const alertRoutes: Route[] = (['code', 'secret', 'dependabot'] as const).flatMap((kind) => [
  route('GET', `/repos/{owner}/{repo}/${PATHS[kind]}/alerts`, (req) => {
    const { repo, list } = alertsOf(req, kind);
    const state = req.query.get('state');
    const severity = req.query.get('severity');
    const resolutions = req.query.get('resolution')?.split(',');
    // Every fake code scanning alert was found on main, as refs/heads/main or main names it.
    const ref = req.query.get('ref');
    const chosen = list.filter(
      (a) =>
        (!state || a.state === state) &&
        (!severity || a.severity === severity) &&
        (!resolutions || resolutions.includes(a.state === 'resolved' ? (a.resolution ?? 'revoked') : '')) &&
        (!ref || ref === 'main' || ref === 'refs/heads/main'),
    );
    const path = `/repos/${repo.owner}/${repo.name}/${PATHS[kind]}/alerts`;
    if (kind === 'dependabot') return cursorPage(req, chosen, path).map((a) => shape(req, repo, a));
    return page(req, chosen, path).map((a) => shape(req, repo, a));
  }),
  route('GET', `/repos/{owner}/{repo}/${PATHS[kind]}/alerts/{number}`, (req) => {
    const { repo, list } = alertsOf(req, kind);
    const found = list.find((a) => String(a.number) === req.params.number);
    if (!found) throw notFound();
    return shape(req, repo, found);
  }),
]);
