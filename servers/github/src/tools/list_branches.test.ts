import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_branches', () => {
  const h = useHarness();

  it('lists the branches', async () => {
    const branches = await h.call('list_branches', where);
    expect(branches.structured?.branches).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'main' })]),
    );
  });

  it('pages with perPage and reports nextPage', async () => {
    const first = await h.call('list_branches', { ...where, perPage: 1 });
    expect(first.structured).toMatchObject({ nextPage: 2 });
  });
});
