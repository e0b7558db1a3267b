import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('fork_repository', () => {
  const h = useHarness();

  it("forks a repository to the token's user", async () => {
    const fork = await h.call('fork_repository', { owner: 'octo-org', repo: 'tools' });
    expect(fork.structured).toMatchObject({ fullName: 'octocat/tools' });
  });
});
