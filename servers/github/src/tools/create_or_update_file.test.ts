import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world', branch: 'main', message: 'edit' };

describe('create_or_update_file', () => {
  const h = useHarness();

  /** Commits a symbolic link at `path` pointing at `target` on main. */
  const link = (path: string, target: string) => {
    const gh = h.fake.gh;
    const repo = gh.repo('octocat', 'hello-world');
    const head = repo?.branches.get('main');
    if (!repo || !head) throw new Error('seeded repository');
    const tree = gh.writeTree(gh.filesAt(head), [[path, Buffer.from(target)]]);
    repo.branches.set('main', gh.commit(tree, [head], `link ${path}`, 'octocat'));
    repo.symlinks = new Set([...(repo.symlinks ?? []), path]);
    return gh.filesAt(repo.branches.get('main') ?? '')[path] ?? '';
  };

  it('creates a file and updates it with its sha', async () => {
    const created = await h.call('create_or_update_file', { ...where, path: 'notes.txt', content: 'one' });
    expect(created.isError, created.text).toBe(false);
    const sha = String(created.structured?.sha);
    const updated = await h.call('create_or_update_file', {
      ...where,
      path: 'notes.txt',
      content: 'two',
      sha,
    });
    expect(updated.isError, updated.text).toBe(false);
  });

  it('refuses to write through a link to a file in the repository, naming the target', async () => {
    const sha = link('docs/readme-link.md', '../README.md');
    const before = h.fake.gh.calls.filter((c) => c.method === 'PUT').length;
    const out = await h.call('create_or_update_file', {
      ...where,
      path: 'docs/readme-link.md',
      content: 'x',
      sha,
    });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('docs/readme-link.md is a symbolic link to README.md');
    expect(out.text).toContain('write path README.md');
    expect(h.fake.gh.calls.filter((c) => c.method === 'PUT').length).toBe(before);
  });

  it('refuses a link pointing outside the repository too', async () => {
    const sha = link('etc-passwd', '/etc/passwd');
    const out = await h.call('create_or_update_file', { ...where, path: 'etc-passwd', content: 'x', sha });
    expect(out).toMatchObject({
      isError: true,
      text: expect.stringContaining('symbolic link to /etc/passwd'),
    });
  });

  it('retargets the link itself with allow_symlink_write', async () => {
    const sha = link('latest', 'README.md');
    const out = await h.call('create_or_update_file', {
      ...where,
      path: 'latest',
      content: 'docs/guide.md',
      sha,
      allow_symlink_write: true,
    });
    expect(out.isError, out.text).toBe(false);
    const gh = h.fake.gh;
    const files = gh.filesAt(gh.repo('octocat', 'hello-world')?.branches.get('main') ?? '');
    expect(gh.blobs.get(files.latest ?? '')?.toString()).toBe('docs/guide.md');
  });
});
