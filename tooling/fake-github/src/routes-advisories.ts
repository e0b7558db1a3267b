import { notFound, type Request, type Route, repoOf, route } from './http.js';
import type { FakeAdvisory } from './state.js';

/** GitHub's advisory database, repositories' security advisories and code quality findings. */

const identifiers = (a: FakeAdvisory) => [
  { type: 'GHSA', value: a.ghsa_id },
  ...(a.cve_id ? [{ type: 'CVE', value: a.cve_id }] : []),
];

function globalAdvisory(req: Request, a: FakeAdvisory) {
  return {
    ghsa_id: a.ghsa_id,
    cve_id: a.cve_id,
    url: `${req.urls.api}/advisories/${a.ghsa_id}`,
    html_url: `${req.urls.web}/advisories/${a.ghsa_id}`,
    repository_advisory_url: null,
    summary: a.summary,
    description: a.description,
    type: a.type,
    severity: a.severity,
    source_code_location: null,
    identifiers: identifiers(a),
    references: [],
    published_at: a.published_at,
    updated_at: a.updated_at,
    github_reviewed_at: a.type === 'reviewed' ? a.published_at : null,
    nvd_published_at: null,
    withdrawn_at: a.withdrawn_at,
    vulnerabilities: [
      {
        package: { ecosystem: a.ecosystem, name: a.package },
        vulnerable_version_range: a.vulnerable_version_range,
        first_patched_version: a.patched,
        vulnerable_functions: [],
      },
    ],
    cvss: null,
    cwes: [],
    credits: [],
  };
}

function repositoryAdvisory(req: Request, a: FakeAdvisory) {
  return {
    ghsa_id: a.ghsa_id,
    cve_id: a.cve_id,
    url: `${req.urls.api}/repos/${a.repo}/security-advisories/${a.ghsa_id}`,
    html_url: `${req.urls.web}/${a.repo}/security/advisories/${a.ghsa_id}`,
    summary: a.summary,
    description: a.description,
    severity: a.severity,
    author: null,
    publisher: null,
    identifiers: identifiers(a),
    state: a.state,
    created_at: a.published_at,
    updated_at: a.updated_at,
    published_at: a.state === 'published' ? a.published_at : null,
    closed_at: null,
    withdrawn_at: a.withdrawn_at,
    submission: null,
    vulnerabilities: [
      {
        package: { ecosystem: a.ecosystem, name: a.package },
        vulnerable_version_range: a.vulnerable_version_range,
        patched_versions: a.patched,
        vulnerable_functions: [],
      },
    ],
    cvss: null,
    cwes: [],
    cwe_ids: [],
    credits: [],
    credits_detailed: [],
    collaborating_users: null,
    collaborating_teams: null,
    private_fork: null,
  };
}

/** A repository's advisories: published ones for everyone, the rest for those who can push. */
function repoAdvisories(req: Request, repos: string[]) {
  const state = req.query.get('state');
  const asc = req.query.get('direction') === 'asc';
  return req.gh.advisories
    .filter((a) => a.repo && repos.includes(a.repo.toLowerCase()) && (!state || a.state === state))
    .filter((a) => {
      const [owner = '', name = ''] = (a.repo ?? '').split('/');
      const repo = req.gh.repo(owner, name);
      const perm = repo ? req.gh.permission(repo, req.login) : 'none';
      return a.state === 'published' || perm === 'admin' || perm === 'write';
    })
    .sort((x, y) => (asc ? 1 : -1) * x.published_at.localeCompare(y.published_at))
    .map((a) => repositoryAdvisory(req, a));
}

export const advisoryRoutes: Route[] = [
  route('GET', '/advisories', (req) => {
    const q = req.query;
    const type = q.get('type') ?? 'reviewed';
    const affects = q
      .get('affects')
      ?.split(',')
      .map((p) => p.split('@')[0]);
    const found = req.gh.advisories.filter(
      (a) =>
        a.repo === null &&
        a.type === type &&
        (!q.get('ghsa_id') || a.ghsa_id === q.get('ghsa_id')) &&
        (!q.get('cve_id') || a.cve_id === q.get('cve_id')) &&
        (!q.get('ecosystem') || a.ecosystem === q.get('ecosystem')) &&
        (!q.get('severity') || a.severity === q.get('severity')) &&
        (!affects || affects.includes(a.package)) &&
        (q.get('is_withdrawn') === null || (a.withdrawn_at !== null) === (q.get('is_withdrawn') === 'true')),
    );
    return found.slice(0, Number(q.get('per_page') ?? 30)).map((a) => globalAdvisory(req, a));
  }),
  route('GET', '/advisories/{ghsa_id}', (req) => {
    const found = req.gh.advisories.find((a) => a.repo === null && a.ghsa_id === req.params.ghsa_id);
    if (!found) throw notFound();
    return globalAdvisory(req, found);
  }),
  route('GET', '/repos/{owner}/{repo}/security-advisories', (req) => {
    const repo = repoOf(req);
    return repoAdvisories(req, [`${repo.owner}/${repo.name}`.toLowerCase()]);
  }),
  route('GET', '/orgs/{org}/security-advisories', (req) => {
    const org = (req.params.org ?? '').toLowerCase();
    if (req.gh.users.get(org)?.type !== 'Organization') throw notFound();
    const repos = [...req.gh.repos.values()].filter((r) => r.owner.toLowerCase() === org);
    return repoAdvisories(
      req,
      repos.map((r) => `${r.owner}/${r.name}`.toLowerCase()),
    );
  }),
  route('GET', '/repos/{owner}/{repo}/code-quality/findings/{number}', (req) => {
    const repo = repoOf(req);
    const key = `${repo.owner}/${repo.name}`.toLowerCase();
    const f = req.gh.codeQualityFindings.find(
      (x) => x.repo === key && String(x.number) === req.params.number,
    );
    if (!f) throw notFound();
    return {
      number: f.number,
      state: f.state,
      url: `${req.urls.api}/repos/${repo.owner}/${repo.name}/code-quality/findings/${f.number}`,
      rule: { ...f.rule, description: f.rule.title },
      location: { path: f.path, start_line: f.line, end_line: f.line },
      message: { text: f.message, markdown: f.message },
      created_at: f.created_at,
    };
  }),
  route('GET', '/orgs/{org}/issue-types', (req) => {
    const types = req.gh.issueTypes.get((req.params.org ?? '').toLowerCase());
    if (!types) throw notFound();
    return types.map((t) => ({ ...t, node_id: `IT_${t.id}`, is_enabled: true }));
  }),
  route('GET', '/repos/{owner}/{repo}/issue-types', (req) => {
    const repo = repoOf(req);
    // A repository has the issue types of its organization; a user's repository has none.
    return (req.gh.issueTypes.get(repo.owner.toLowerCase()) ?? []).map((t) => ({
      ...t,
      node_id: `IT_${t.id}`,
      is_enabled: true,
    }));
  }),
  route('GET', '/orgs/{org}/issue-fields', (req) => {
    const fields = req.gh.issueFields.get((req.params.org ?? '').toLowerCase());
    if (!fields) throw notFound();
    return fields.map((f) => ({
      ...f,
      node_id: `IF_${f.id}`,
      visibility: 'all',
      options: f.options.map((o) => ({ ...o, color: 'gray' })),
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    }));
  }),
];
