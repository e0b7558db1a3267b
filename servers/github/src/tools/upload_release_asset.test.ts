import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('upload_release_asset', () => {
  const h = useHarness();

  it('uploads text and base64 content as the raw body, to the upload host of the release', async () => {
    const release = h.fake.gh.repo('octocat', 'hello-world')?.releases[0];
    const text = await h.call('upload_release_asset', {
      ...where,
      release_id: release?.id,
      name: 'notes.txt',
      content: 'hello',
      content_type: 'text/plain',
    });
    expect(text.structured).toMatchObject({ name: 'notes.txt', size: 5 });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: `/repos/octocat/hello-world/releases/${release?.id}/assets`,
      query: expect.stringMatching(/^name=notes\.txt/),
      token: TOKEN,
    });
    const bytes = Buffer.from([0, 1, 2, 255]);
    await h.call('upload_release_asset', {
      ...where,
      release_id: release?.id,
      name: 'app.bin',
      content: bytes.toString('base64'),
      encoding: 'base64',
    });
    const assets = release?.assets ?? [];
    expect(assets.map((a) => [a.name, a.content_type, a.data])).toEqual([
      ['notes.txt', 'text/plain', Buffer.from('hello')],
      ['app.bin', 'application/octet-stream', bytes],
    ]);
  });

  it('refuses a path as a name', async () => {
    const res = await h.call('upload_release_asset', { ...where, release_id: 1, name: '../x', content: 'x' });
    expect(res.isError).toBe(true);
  });
});
