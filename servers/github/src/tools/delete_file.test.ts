import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('delete_file', () => {
  const h = useHarness();

  it('without confirmation and without elicitation asks for confirm: true', async () => {
    const out = await h.call('delete_file', { ...where, branch: 'main', path: 'README.md', message: 'rm' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('confirm: true');
    expect((await h.call('get_file_contents', { ...where, path: 'README.md' })).isError).toBe(false);
  });
});
