import { callTool, connectInProcess } from '@refmcp/core/testing';
import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { elicitingClient, quietLogger, testConfig, useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('release_write', () => {
  const h = useHarness();

  it('creates a draft, publishes it (making its tag) and updates its notes', async () => {
    const created = await h.call('release_write', {
      ...where,
      method: 'create',
      tag: 'v2.0.0',
      name: 'Two',
      draft: true,
    });
    expect(created.structured).toMatchObject({ release: { tag: 'v2.0.0', draft: true } });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/repos/octocat/hello-world/releases',
      body: { tag_name: 'v2.0.0', name: 'Two', draft: true },
      token: TOKEN,
    });
    expect(h.fake.gh.repo('octocat', 'hello-world')?.tags.has('v2.0.0')).toBe(false);
    const id = (created.structured as { release: { id: number } }).release.id;
    const published = await h.call('release_write', {
      ...where,
      method: 'update',
      release_id: id,
      draft: false,
      body: 'Notes',
    });
    expect(published.structured).toMatchObject({ release: { draft: false, body: 'Notes' } });
    expect(h.fake.gh.repo('octocat', 'hello-world')?.tags.has('v2.0.0')).toBe(true);
  });

  it('deletes a release only once the user approves', async () => {
    const id = h.fake.gh.repo('octocat', 'hello-world')?.releases.at(-1)?.id;
    let answer: 'accept' | 'decline' = 'decline';
    const { asked, options } = elicitingClient(() => answer);
    const app = createApp(testConfig(h.fake.apiUrl), { logger: quietLogger() });
    const client = await connectInProcess(app, options);
    try {
      const args = { ...where, method: 'delete', release_id: id };
      expect((await callTool(client, 'release_write', args)).isError).toBe(true);
      expect(h.fake.gh.repo('octocat', 'hello-world')?.releases.some((r) => r.id === id)).toBe(true);
      answer = 'accept';
      expect((await callTool(client, 'release_write', args)).structured).toEqual({ deleted: id });
      expect(asked[0]).toContain(`Delete release ${id} of octocat/hello-world`);
      expect(h.fake.gh.repo('octocat', 'hello-world')?.releases.some((r) => r.id === id)).toBe(false);
    } finally {
      await client.close();
      await app.close();
    }
  });

  it('says what each method needs', async () => {
    expect((await h.call('release_write', { ...where, method: 'create' })).text).toContain(
      'create needs tag',
    );
    expect((await h.call('release_write', { ...where, method: 'update' })).text).toContain(
      'update needs release_id',
    );
  });
});
