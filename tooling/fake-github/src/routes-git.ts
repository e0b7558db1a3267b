import { HttpError, notFound, type Request, type Route, repoOf, requirePush, route, str } from './http.js';
import { branchOf, fileCommit } from './routes-repos.js';
import type { FakeRepo } from './state.js';

/** The git data API: refs, blobs, trees and commits, as push_files and create_branch use them. */

const base = (req: Request, repo: FakeRepo) => `${req.urls.api}/repos/${repo.owner}/${repo.name}`;

function gitRef(req: Request, repo: FakeRepo, ref: string, sha: string) {
  return {
    ref,
    node_id: `REF_${sha.slice(0, 8)}`,
    url: `${base(req, repo)}/git/${ref}`,
    object: { type: 'commit', sha, url: `${base(req, repo)}/git/commits/${sha}` },
  };
}

function treeBody(req: Request, repo: FakeRepo, sha: string, recursive: boolean) {
  const files = req.gh.trees.get(sha) ?? {};
  const entries: Array<Record<string, unknown>> = [];
  const dirs = new Set<string>();
  for (const [path, blob] of Object.entries(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    if (recursive || parts.length === 1) {
      entries.push({
        path,
        mode: repo.symlinks?.has(path) ? '120000' : '100644',
        type: 'blob',
        sha: blob,
        size: req.gh.blobs.get(blob)?.length ?? 0,
        url: `${base(req, repo)}/git/blobs/${blob}`,
      });
    }
  }
  for (const dir of dirs) {
    if (recursive || !dir.includes('/'))
      entries.push({
        path: dir,
        mode: '040000',
        type: 'tree',
        sha,
        url: `${base(req, repo)}/git/trees/${sha}`,
      });
  }
  entries.sort((a, b) => String(a.path).localeCompare(String(b.path)));
  return { sha, url: `${base(req, repo)}/git/trees/${sha}`, tree: entries, truncated: false };
}

export const gitRoutes: Route[] = [
  route('GET', '/repos/{owner}/{repo}/git/commits/{sha}', (req) => {
    const repo = repoOf(req);
    if (!req.gh.commits.has(req.params.sha ?? '')) throw notFound();
    return fileCommit(req, repo, req.params.sha ?? '');
  }),
  route('GET', '/repos/{owner}/{repo}/git/ref/{ref*}', (req) => {
    const repo = repoOf(req);
    const ref = req.params.ref ?? '';
    const name = ref.replace(/^(heads|tags)\//, '');
    const sha = ref.startsWith('tags/') ? repo.tags.get(name) : repo.branches.get(name);
    if (!sha) throw notFound();
    return gitRef(req, repo, `refs/${ref}`, sha);
  }),
  route('POST', '/repos/{owner}/{repo}/git/refs', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const ref = str(req.body.ref, 'ref', 'Reference');
    const sha = str(req.body.sha, 'sha', 'Reference');
    const match = /^refs\/(heads|tags)\/(.+)$/.exec(ref);
    if (!match)
      throw new HttpError(422, 'Reference name must start with refs/ and have at least two slashes.');
    if (!req.gh.commits.has(sha)) throw new HttpError(422, 'Object does not exist');
    const map = match[1] === 'tags' ? repo.tags : repo.branches;
    if (map.has(match[2] ?? '')) throw new HttpError(422, 'Reference already exists');
    map.set(match[2] ?? '', sha);
    return { status: 201, body: gitRef(req, repo, ref, sha) };
  }),
  route('PATCH', '/repos/{owner}/{repo}/git/refs/{ref*}', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const name = (req.params.ref ?? '').replace(/^heads\//, '');
    const current = branchOf(req, repo, name);
    const sha = str(req.body.sha, 'sha', 'Reference');
    const target = req.gh.commits.get(sha);
    if (!target) throw new HttpError(422, 'Object does not exist');
    if (req.body.force !== true && !req.gh.history(sha).some((c) => c.sha === current)) {
      throw new HttpError(422, 'Update is not a fast forward');
    }
    repo.branches.set(name, sha);
    return gitRef(req, repo, `refs/heads/${name}`, sha);
  }),
  route('POST', '/repos/{owner}/{repo}/git/blobs', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const content = str(req.body.content, 'content', 'Blob');
    const sha = req.gh.writeBlob(Buffer.from(content, req.body.encoding === 'base64' ? 'base64' : 'utf8'));
    return { status: 201, body: { sha, url: `${base(req, repo)}/git/blobs/${sha}` } };
  }),
  route('POST', '/repos/{owner}/{repo}/git/trees', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const baseTree = req.body.base_tree as string | undefined;
    const files = { ...(baseTree ? (req.gh.trees.get(baseTree) ?? {}) : {}) };
    if (baseTree && !req.gh.trees.has(baseTree)) throw new HttpError(422, 'Invalid tree info');
    for (const entry of (req.body.tree as Array<Record<string, unknown>>) ?? []) {
      const path = str(entry.path, 'path', 'Tree');
      if (entry.sha === null) delete files[path];
      else if (typeof entry.content === 'string') files[path] = req.gh.writeBlob(entry.content);
      else if (typeof entry.sha === 'string' && req.gh.blobs.has(entry.sha)) files[path] = entry.sha;
      else throw new HttpError(422, 'Invalid tree info');
    }
    const sha = req.gh.storeTree(files);
    return { status: 201, body: treeBody(req, repo, sha, true) };
  }),
  route('GET', '/repos/{owner}/{repo}/git/trees/{sha}', (req) => {
    const repo = repoOf(req);
    const commit = req.gh.resolve(repo, req.params.sha);
    const tree = commit ? req.gh.commits.get(commit)?.tree : req.params.sha;
    if (!tree || !req.gh.trees.has(tree)) throw notFound();
    return treeBody(req, repo, tree, req.query.has('recursive'));
  }),
  route('POST', '/repos/{owner}/{repo}/git/commits', (req) => {
    const repo = repoOf(req);
    requirePush(req, repo);
    const tree = str(req.body.tree, 'tree', 'Commit');
    if (!req.gh.trees.has(tree)) throw new HttpError(422, 'Tree SHA does not exist');
    const parents = (req.body.parents as string[] | undefined) ?? [];
    const sha = req.gh.commit(tree, parents, str(req.body.message, 'message', 'Commit'), req.login);
    return { status: 201, body: fileCommit(req, repo, sha) };
  }),
];
