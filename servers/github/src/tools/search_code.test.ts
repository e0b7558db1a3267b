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

  it('returns only the chosen fields; text_matches asks GitHub for the matching lines', async () => {
    const out = await h.call('search_code', {
      query: 'greet repo:octocat/hello-world',
      fields: ['sha', 'text_matches'],
    });
    const items = (out.structured?.items ?? []) as Array<Record<string, unknown>>;
    const index = items.find((i) => i.path === 'src/index.ts');
    expect(Object.keys(index ?? {}).sort()).toEqual(['matches', 'path', 'repo', 'sha']);
    // The fake sends text_matches only for the text-match media type, as GitHub does.
    expect(index?.matches).toEqual([expect.stringContaining('greet')]);
  });
});
