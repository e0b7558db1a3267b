import {
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
import { simpleUser, userByLogin } from './shapes.js';
import type { FakeRelease, FakeReleaseAsset, FakeRepo } from './state.js';

/** Releases and their assets. */

const base = (req: Request, repo: FakeRepo) => `${req.urls.api}/repos/${repo.owner}/${repo.name}`;

function asset(req: Request, repo: FakeRepo, r: FakeRelease, a: FakeReleaseAsset) {
  const uploader = req.gh.users.get(a.uploader.toLowerCase());
  return {
    url: `${base(req, repo)}/releases/assets/${a.id}`,
    browser_download_url: `${req.urls.web}/${repo.owner}/${repo.name}/releases/download/${r.tag_name}/${a.name}`,
    id: a.id,
    node_id: `RA_${a.id}`,
    name: a.name,
    label: a.label,
    state: 'uploaded',
    content_type: a.content_type,
    size: a.data.length,
    digest: null,
    download_count: 0,
    created_at: a.created_at,
    updated_at: a.created_at,
    uploader: uploader ? simpleUser({ user: uploader, urls: req.urls }) : null,
  };
}

export function release(req: Request, repo: FakeRepo, r: FakeRelease) {
  const url = `${base(req, repo)}/releases/${r.id}`;
  return {
    url,
    html_url: `${req.urls.web}/${repo.owner}/${repo.name}/releases/tag/${r.tag_name}`,
    assets_url: `${url}/assets`,
    upload_url: `${url}/assets{?name,label}`,
    tarball_url: `${base(req, repo)}/tarball/${r.tag_name}`,
    zipball_url: `${base(req, repo)}/zipball/${r.tag_name}`,
    id: r.id,
    node_id: `RE_${r.id}`,
    tag_name: r.tag_name,
    target_commitish: r.target_commitish ?? repo.default_branch,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: r.created_at,
    published_at: r.draft ? null : r.created_at,
    author: userByLogin(req.gh, req.urls, r.author),
    assets: (r.assets ?? []).map((a) => asset(req, repo, r, a)),
  };
}

function releaseOf(req: Request): { repo: FakeRepo; found: FakeRelease } {
  const repo = repoOf(req);
  const found = repo.releases.find((r) => String(r.id) === req.params.id);
  // Security: drafts are visible only to those who can push, as on GitHub.
  if (!found || (found.draft && !canPush(req, repo))) throw notFound();
  return { repo, found };
}

const canPush = (req: Request, repo: FakeRepo) =>
  ['admin', 'write'].includes(req.gh.permission(repo, req.login));

/** Publishing a release creates its tag at the target when the tag does not exist yet. */
function tagOnPublish(req: Request, repo: FakeRepo, r: FakeRelease) {
  if (r.draft || repo.tags.has(r.tag_name)) return;
  const sha = req.gh.resolve(repo, r.target_commitish ?? repo.default_branch);
  if (!sha) throw validationFailed('Release', 'target_commitish', 'invalid');
  repo.tags.set(r.tag_name, sha);
}

function edit(req: Request, repo: FakeRepo, r: FakeRelease) {
  const b = req.body;
  if (typeof b.tag_name === 'string') r.tag_name = b.tag_name;
  if (typeof b.target_commitish === 'string') r.target_commitish = b.target_commitish;
  if (typeof b.name === 'string') r.name = b.name;
  if (typeof b.body === 'string') r.body = b.body;
  if (typeof b.draft === 'boolean') r.draft = b.draft;
  if (typeof b.prerelease === 'boolean') r.prerelease = b.prerelease;
  tagOnPublish(req, repo, r);
}

export const releaseRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/releases', (req) => {
    const repo = repoOf(req);
    const visible = repo.releases.filter((r) => !r.draft || canPush(req, repo)).reverse();
    return page(req, visible, `/repos/${repo.owner}/${repo.name}/releases`).map((r) => release(req, repo, r));
  }),
  route('GET', '/repos/{owner}/{repo}/releases/latest', (req) => {
    const repo = repoOf(req);
    const latest = [...repo.releases].reverse().find((r) => !r.draft && !r.prerelease);
    if (!latest) throw notFound();
    return release(req, repo, latest);
  }),
  route('GET', '/repos/{owner}/{repo}/releases/tags/{tag}', (req) => {
    const repo = repoOf(req);
    const found = repo.releases.find((r) => r.tag_name === req.params.tag && !r.draft);
    if (!found) throw notFound();
    return release(req, repo, found);
  }),
  route('GET', '/repos/{owner}/{repo}/releases/{id}', (req) => {
    const { repo, found } = releaseOf(req);
    return release(req, repo, found);
  }),
  route('POST', '/repos/{owner}/{repo}/releases', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const tag = str(req.body.tag_name, 'tag_name', 'Release');
    if (repo.releases.some((r) => r.tag_name === tag))
      throw validationFailed('Release', 'tag_name', 'already_exists');
    const created: FakeRelease = {
      id: req.gh.id(),
      tag_name: tag,
      name: typeof req.body.name === 'string' ? req.body.name : tag,
      body: typeof req.body.body === 'string' ? req.body.body : '',
      draft: false,
      prerelease: false,
      author: req.login,
      created_at: req.gh.now(),
      assets: [],
    };
    edit(req, repo, created);
    repo.releases.push(created);
    return { status: 201, body: release(req, repo, created) };
  }),
  route('PATCH', '/repos/{owner}/{repo}/releases/{id}', (req) => {
    const { repo, found } = releaseOf(req);
    requirePush(req, repo);
    edit(req, repo, found);
    return release(req, repo, found);
  }),
  route('DELETE', '/repos/{owner}/{repo}/releases/{id}', (req) => {
    const { repo, found } = releaseOf(req);
    requirePush(req, repo);
    repo.releases = repo.releases.filter((r) => r !== found);
    return { status: 204 };
  }),
  route('GET', '/repos/{owner}/{repo}/releases/{id}/assets', (req) => {
    const { repo, found } = releaseOf(req);
    const path = `/repos/${repo.owner}/${repo.name}/releases/${found.id}/assets`;
    return page(req, found.assets ?? [], path).map((a) => asset(req, repo, found, a));
  }),
  // GitHub takes uploads on its uploads host; the fake serves them on the same origin.
  route('POST', '/repos/{owner}/{repo}/releases/{id}/assets', (req) => {
    const { repo, found } = releaseOf(req);
    requirePush(req, repo);
    const name = str(req.query.get('name') ?? undefined, 'name', 'ReleaseAsset');
    if ((found.assets ?? []).some((a) => a.name === name))
      throw validationFailed('ReleaseAsset', 'name', 'already_exists');
    const created: FakeReleaseAsset = {
      id: req.gh.id(),
      name,
      label: req.query.get('label'),
      content_type: req.contentType || 'application/octet-stream',
      data: req.raw,
      uploader: req.login,
      created_at: req.gh.now(),
    };
    found.assets = [...(found.assets ?? []), created];
    return { status: 201, body: asset(req, repo, found, created) };
  }),
];
