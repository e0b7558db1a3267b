import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_repository_collaborators', () => {
  const h = useHarness();

  it('lists people with access and their role', async () => {
    const res = await h.call('list_repository_collaborators', {
      owner: 'octocat',
      repo: 'hello-world',
      affiliation: 'direct',
    });
    expect(res.structured).toMatchObject({
      collaborators: expect.arrayContaining([
        { login: 'octocat', role: 'admin' },
        { login: 'alice', role: 'write' },
      ]),
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/repos/octocat/hello-world/collaborators');
  });

  it('is refused where the token cannot push', async () => {
    const res = await h.call('list_repository_collaborators', { owner: 'octo-org', repo: 'tools' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('Permission denied');
  });
});
