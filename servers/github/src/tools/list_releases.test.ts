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

  it('returns only the chosen fields, by github-mcp-server names, with the tag always', async () => {
    const out = await h.call('list_releases', { ...where, fields: ['html_url', 'author', 'id'] });
    const [first] = (out.structured?.releases ?? []) as Array<Record<string, unknown>>;
    expect(Object.keys(first ?? {}).sort()).toEqual(['author', 'id', 'tag', 'url']);
    expect(first).toMatchObject({ tag: 'v1.0.0', author: 'octocat', id: expect.any(Number) });
    const bad = await h.call('list_releases', { ...where, fields: ['nope'] });
    expect(bad.isError).toBe(true);
  });
});
