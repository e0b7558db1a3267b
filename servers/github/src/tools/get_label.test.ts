import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_label', () => {
  const h = useHarness();

  it('returns one label by name', async () => {
    expect((await h.call('get_label', { ...where, name: 'bug' })).structured).toMatchObject({
      name: 'bug',
      color: 'd73a4a',
    });
  });
});
