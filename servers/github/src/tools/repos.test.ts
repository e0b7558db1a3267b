import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('repos toolset', () => {
  const h = useHarness();

  it('get_file_contents reads a file and lists a directory', async () => {
    const file = await h.call('get_file_contents', { ...where, path: 'src/index.ts' });
    expect(file.isError, file.text).toBe(false);
    expect(file.structured).toMatchObject({
      type: 'file',
      path: 'src/index.ts',
      content: expect.stringContaining('greet'),
    });
    const dir = await h.call('get_file_contents', { ...where, path: '/' });
    expect(dir.structured?.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'src', type: 'dir' })]),
    );
    expect(dir.text).toContain('src/');
  });

  it('get_file_contents reports a missing path as not found', async () => {
    const out = await h.call('get_file_contents', { ...where, path: 'nope.txt' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^Not found: GitHub answered 404/);
  });

  it('list_commits, get_commit, list_branches, list_tags, releases and the tree', async () => {
    const commits = await h.call('list_commits', { ...where, perPage: 1 });
    expect(commits.structured).toMatchObject({ commits: [{ message: 'Initial commit' }] });
    const sha = ((commits.structured?.commits ?? []) as Array<{ sha: string }>)[0]?.sha;
    const commit = await h.call('get_commit', { ...where, sha, include_diff: true });
    expect(commit.structured).toMatchObject({
      sha,
      files: expect.arrayContaining([
        expect.objectContaining({ path: 'README.md', status: 'added', patch: expect.any(String) }),
      ]),
    });
    const branches = await h.call('list_branches', where);
    expect(branches.structured?.branches).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'main' })]),
    );
    expect((await h.call('list_tags', where)).structured).toMatchObject({ tags: [{ name: 'v1.0.0' }] });
    expect((await h.call('list_releases', where)).structured).toMatchObject({
      releases: [{ tag: 'v1.0.0' }],
    });
    expect((await h.call('get_latest_release', where)).structured).toMatchObject({
      tag: 'v1.0.0',
      name: 'First release',
    });
    const tree = await h.call('get_repository_tree', { ...where, path_filter: 'src/' });
    expect(tree.structured?.entries).toEqual([
      expect.objectContaining({ path: 'src/index.ts' }),
      expect.objectContaining({ path: 'src/util.ts' }),
    ]);
  });

  it('pages with perPage and reports nextPage', async () => {
    const first = await h.call('list_branches', { ...where, perPage: 1 });
    expect(first.structured).toMatchObject({ nextPage: 2 });
  });

  it('search_code and search_repositories', async () => {
    const code = await h.call('search_code', { query: 'greet repo:octocat/hello-world' });
    expect(code.structured?.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'src/index.ts', repo: 'octocat/hello-world' }),
      ]),
    );
    const repos = await h.call('search_repositories', { query: 'hello' });
    expect(repos.structured).toMatchObject({
      total: 1,
      repos: [{ fullName: 'octocat/hello-world', stars: 42 }],
    });
  });

  it('create_branch, create_or_update_file, push_files and delete_file change the branch', async () => {
    expect((await h.call('create_branch', { ...where, branch: 'work' })).isError).toBe(false);
    const created = await h.call('create_or_update_file', {
      ...where,
      branch: 'work',
      path: 'notes.md',
      content: 'one',
      message: 'add notes',
    });
    expect(created.isError, created.text).toBe(false);
    const stale = await h.call('create_or_update_file', {
      ...where,
      branch: 'work',
      path: 'notes.md',
      content: 'two',
      message: 'edit',
    });
    expect(stale.isError).toBe(true);
    expect(stale.text).toContain('sha');
    const sha = created.structured?.sha as string;
    const updated = await h.call('create_or_update_file', {
      ...where,
      branch: 'work',
      path: 'notes.md',
      content: 'two',
      message: 'edit',
      sha,
    });
    expect(updated.isError, updated.text).toBe(false);
    const pushed = await h.call('push_files', {
      ...where,
      branch: 'work',
      message: 'two files',
      files: [
        { path: 'a.txt', content: 'A' },
        { path: 'dir/b.txt', content: 'B' },
      ],
    });
    expect(pushed.structured).toMatchObject({ files: 2 });
    const log = await h.call('list_commits', { ...where, sha: 'work', perPage: 1 });
    expect(log.structured).toMatchObject({ commits: [{ message: 'two files' }] });
    const b = await h.call('get_file_contents', { ...where, path: 'dir/b.txt', ref: 'work' });
    expect(b.structured).toMatchObject({ content: 'B' });
    const deleted = await h.call('delete_file', {
      ...where,
      branch: 'work',
      path: 'a.txt',
      message: 'rm',
      confirm: true,
    });
    expect(deleted.isError, deleted.text).toBe(false);
    expect((await h.call('get_file_contents', { ...where, path: 'a.txt', ref: 'work' })).isError).toBe(true);
  });

  it('delete_file without confirmation and without elicitation asks for confirm: true', async () => {
    const out = await h.call('delete_file', { ...where, branch: 'main', path: 'README.md', message: 'rm' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('confirm: true');
    expect((await h.call('get_file_contents', { ...where, path: 'README.md' })).isError).toBe(false);
  });

  it('create_repository and fork_repository', async () => {
    const created = await h.call('create_repository', { name: 'brand-new', private: true });
    expect(created.structured).toMatchObject({ fullName: 'octocat/brand-new', private: true });
    const fork = await h.call('fork_repository', { owner: 'octo-org', repo: 'tools' });
    expect(fork.structured).toMatchObject({ fullName: 'octocat/tools' });
  });
});
