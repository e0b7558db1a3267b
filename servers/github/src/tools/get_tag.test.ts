import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_tag', () => {
  const h = useHarness();

  it('returns the commit a lightweight tag points to', async () => {
    const head = h.fake.gh.repo('octocat', 'hello-world')?.tags.get('v1.0.0');
    expect((await h.call('get_tag', { ...where, tag: 'v1.0.0' })).structured).toEqual({
      name: 'v1.0.0',
      type: 'commit',
      sha: head,
      commitSha: head,
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/repos/octocat/hello-world/git/ref/tags/v1.0.0');
  });

  it('fails with a 404 for a missing tag', async () => {
    const res = await h.call('get_tag', { ...where, tag: 'nope' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('404');
  });
});
