import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_issues', () => {
  const h = useHarness();

  it('leaves pull requests out', async () => {
    const list = await h.call('list_issues', where);
    expect(((list.structured?.issues ?? []) as Array<{ number: number }>).map((i) => i.number)).toEqual([
      2, 1,
    ]);
  });
});
