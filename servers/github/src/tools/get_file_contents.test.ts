import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_file_contents', () => {
  const h = useHarness();

  it('reads a file and lists a directory', async () => {
    const file = await h.call('get_file_contents', { ...where, path: 'src/index.ts' });
    expect(file.isError, file.text).toBe(false);
    expect(file.structured).toMatchObject({
      type: 'file',
      path: 'src/index.ts',
      content: expect.stringContaining('greet'),
    });
    const dir = await h.call('get_file_contents', { ...where, path: '/' });
    expect(dir.structured?.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'src', type: 'dir' })]),
    );
    expect(dir.text).toContain('src/');
  });

  it('reports a missing path as not found', async () => {
    const out = await h.call('get_file_contents', { ...where, path: 'nope.txt' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/^Not found: GitHub answered 404/);
  });

  it("chooses the fields of a directory's entries", async () => {
    const dir = await h.call('get_file_contents', {
      ...where,
      path: 'src',
      fields: ['name', 'sha', 'html_url'],
    });
    const entries = (dir.structured?.entries ?? []) as Array<Record<string, unknown>>;
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(Object.keys(e).sort()).toEqual(['htmlUrl', 'name', 'path', 'sha']);
    expect(entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'src/index.ts', name: 'index.ts' })]),
    );
    expect(dir.text).toContain('"name":"index.ts"');
  });
});
