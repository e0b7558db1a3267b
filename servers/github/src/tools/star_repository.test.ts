import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('star_repository', () => {
  const h = useHarness();

  it('stars the repository for the token owner, twice without harm', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await h.call('star_repository', { owner: 'octo-org', repo: 'tools' });
      expect(res.structured).toEqual({ starred: true });
    }
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/user/starred/octo-org/tools',
      token: TOKEN,
    });
    expect([...(h.fake.gh.starred.get('octocat') ?? [])]).toEqual(['octo-org/tools']);
  });
});
