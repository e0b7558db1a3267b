import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('search_code', () => {
  const h = useHarness();

  it('finds files by their contents', async () => {
    const code = await h.call('search_code', { query: 'greet repo:octocat/hello-world' });
    expect(code.structured?.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'src/index.ts', repo: 'octocat/hello-world' }),
      ]),
    );
  });

  it('passes sort=indexed on to GitHub', async () => {
    await h.call('search_code', { query: 'greet', sort: 'indexed', order: 'asc' });
    expect(h.fake.gh.calls.at(-1)?.query).toContain('sort=indexed');
  });
});
