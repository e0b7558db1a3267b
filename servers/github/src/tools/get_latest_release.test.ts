import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_latest_release', () => {
  const h = useHarness();

  it('returns the latest release', async () => {
    expect((await h.call('get_latest_release', where)).structured).toMatchObject({
      tag: 'v1.0.0',
      name: 'First release',
    });
  });
});
