import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_releases', () => {
  const h = useHarness();

  it('lists the releases', async () => {
    expect((await h.call('list_releases', where)).structured).toMatchObject({
      releases: [{ tag: 'v1.0.0' }],
    });
  });
});
