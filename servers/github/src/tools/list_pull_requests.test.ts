import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_pull_requests', () => {
  const h = useHarness();

  it('lists the open pull requests', async () => {
    expect((await h.call('list_pull_requests', where)).structured).toMatchObject({
      pullRequests: [{ number: 3, author: 'alice' }],
    });
  });
});
