import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('get_code_quality_finding', () => {
  const h = useHarness();

  it('returns one finding with its rule and place', async () => {
    const res = await h.call('get_code_quality_finding', {
      owner: 'octocat',
      repo: 'hello-world',
      findingNumber: 1,
    });
    expect(res.structured).toEqual({
      number: 1,
      state: 'open',
      rule: 'js/unused-local-variable',
      title: 'Unused variable',
      severity: 'note',
      category: 'maintainability',
      path: 'src/greet.ts',
      startLine: 1,
      endLine: 1,
      message: 'Unused variable x.',
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/repos/octocat/hello-world/code-quality/findings/1');
  });
});
