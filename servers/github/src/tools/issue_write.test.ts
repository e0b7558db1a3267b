import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('issue_write', () => {
  const h = useHarness();

  it('create without a title is an input error', async () => {
    const out = await h.call('issue_write', { ...where, method: 'create' });
    expect(out.text).toMatch(/^Invalid input: title is required/);
  });
});
