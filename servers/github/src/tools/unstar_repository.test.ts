import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('unstar_repository', () => {
  const h = useHarness();

  it('removes the star of the token owner', async () => {
    h.fake.gh.starred.set('octocat', new Set(['octo-org/tools']));
    const res = await h.call('unstar_repository', { owner: 'octo-org', repo: 'tools' });
    expect(res.structured).toEqual({ starred: false });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/user/starred/octo-org/tools',
      token: TOKEN,
    });
    expect(h.fake.gh.starred.get('octocat')?.size).toBe(0);
  });
});
