import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_repository_tree', () => {
  const h = useHarness();

  it('lists the paths under path_filter', async () => {
    const tree = await h.call('get_repository_tree', { ...where, path_filter: 'src/' });
    expect(tree.structured?.entries).toEqual([
      expect.objectContaining({ path: 'src/index.ts' }),
      expect.objectContaining({ path: 'src/util.ts' }),
    ]);
  });
});
