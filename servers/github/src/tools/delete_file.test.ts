import { callTool, connectInProcess } from '@refmcp/core/testing';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { elicitingClient, quietLogger, testConfig, useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };
const args = { ...where, branch: 'main', path: 'README.md', message: 'rm' };

describe('delete_file', () => {
  const h = useHarness();

  it('deletes nothing until the user approves, then commits the deletion', async () => {
    let answer: 'accept' | 'decline' = 'decline';
    const { asked, options } = elicitingClient(() => answer);
    const app = createApp(testConfig(h.fake.apiUrl), { logger: quietLogger() });
    const client = await connectInProcess(app, options);
    try {
      const declined = await callTool(client, 'delete_file', args);
      expect(declined.isError).toBe(true);
      expect((await h.call('get_file_contents', { ...where, path: 'README.md' })).isError).toBe(false);
      answer = 'accept';
      const done = await callTool(client, 'delete_file', args);
      expect(done.isError, done.text).toBe(false);
      expect(asked).toEqual([
        'Delete README.md from octocat/hello-world@main. This cannot be undone. Go ahead?',
        'Delete README.md from octocat/hello-world@main. This cannot be undone. Go ahead?',
      ]);
      expect((await h.call('get_file_contents', { ...where, path: 'README.md' })).text).toContain('404');
    } finally {
      await client.close();
      await app.close();
    }
  });
});
