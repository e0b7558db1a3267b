import { Octokit } from '@octokit/rest';
import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { etagCache } from './etag-cache.js';
import { useHarness } from './test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('conditional GETs', () => {
  const h = useHarness();
  const statuses = (path: string) =>
    h.fake.responses.filter((r) => r.method === 'GET' && r.path === path).map((r) => r.status);

  it('a repeated read gets a 304 from GitHub and still returns the content', async () => {
    const path = '/repos/octocat/hello-world/contents/README.md';
    const first = await h.call('get_file_contents', { ...where, path: 'README.md' });
    const second = await h.call('get_file_contents', { ...where, path: 'README.md' });
    expect(statuses(path)).toEqual([200, 304]);
    expect(second.isError, second.text).toBe(false);
    expect(second.structured).toEqual(first.structured);
    expect(second.structured?.content).toContain('Hello');
  });

  it('a changed resource answers 200 with the new content', async () => {
    const path = '/repos/octocat/hello-world/contents/notes.md';
    const read = () => h.call('get_file_contents', { ...where, path: 'notes.md' });
    const write = async (content: string, sha?: string) =>
      h.call('create_or_update_file', {
        ...where,
        path: 'notes.md',
        branch: 'main',
        message: 'm',
        content,
        sha,
      });
    const created = await write('one');
    expect((await read()).structured?.content).toBe('one');
    expect((await read()).structured?.content).toBe('one');
    await write('two', created.structured?.sha as string);
    expect((await read()).structured?.content).toBe('two');
    // Each write first looks the path up (writing through a symlink is refused): 404 before the
    // file exists, then 200. The reads are the 2nd, 3rd and 5th requests.
    expect(statuses(path)).toEqual([404, 200, 304, 200, 200]);
  });

  it('keeps JSON and diff of one URL apart', async () => {
    const pr = { ...where, pullNumber: 3 };
    await h.call('pull_request_read', pr);
    const diff = await h.call('pull_request_read', { ...pr, method: 'get_diff' });
    const again = await h.call('pull_request_read', pr);
    const diffAgain = await h.call('pull_request_read', { ...pr, method: 'get_diff' });
    expect(again.structured).toMatchObject({ pullRequest: { number: 3 } });
    expect(diffAgain.text).toBe(diff.text);
    expect(statuses('/repos/octocat/hello-world/pulls/3').slice(-4)).toEqual([200, 200, 304, 304]);
  });

  it('is bounded in entries and in body size', async () => {
    const client = (options: Parameters<typeof etagCache>[0]) =>
      new (Octokit.plugin(etagCache(options)))({
        auth: TOKEN,
        baseUrl: `${h.fake.apiUrl}/api/v3`,
        log: silent,
      });
    const get = (gh: Octokit, path: string) =>
      gh.request('GET /repos/{owner}/{repo}/contents/{path}', { ...where, path });
    const small = client({ maxEntries: 2 });
    for (const path of ['README.md', 'src', 'docs']) await get(small, path);
    expect((await get(small, 'README.md')).status).toBe(200);
    const seen = h.fake.responses.length;
    expect((await get(small, 'docs')).data).toBeTruthy();
    expect(h.fake.responses.slice(seen).map((r) => r.status)).toEqual([304]);

    const tiny = client({ maxBytes: 800 });
    await get(tiny, 'README.md');
    const before = h.fake.responses.length;
    await get(tiny, 'README.md');
    expect(h.fake.responses.slice(before).map((r) => r.status)).toEqual([200]);
  });
});
