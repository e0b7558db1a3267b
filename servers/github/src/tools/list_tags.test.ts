import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_tags', () => {
  const h = useHarness();

  it('lists the tags', async () => {
    expect((await h.call('list_tags', where)).structured).toMatchObject({ tags: [{ name: 'v1.0.0' }] });
  });
});
