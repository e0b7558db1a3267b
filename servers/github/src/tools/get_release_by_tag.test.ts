import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_release_by_tag', () => {
  const h = useHarness();

  it("returns the tag's release, and a 404 for a tag without one", async () => {
    const found = await h.call('get_release_by_tag', { ...where, tag: 'v1.0.0' });
    expect(found.structured).toMatchObject({ tag: 'v1.0.0', name: 'First release', draft: false });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'GET',
      path: '/repos/octocat/hello-world/releases/tags/v1.0.0',
    });
    const missing = await h.call('get_release_by_tag', { ...where, tag: 'v9' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('404');
  });
});
