import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('add_issue_comment', () => {
  const h = useHarness();

  it("GitHub's answer for a missing issue reaches the model", async () => {
    const bad = await h.call('add_issue_comment', { ...where, issue_number: 999, body: 'x' });
    expect(bad.text).toMatch(/^Not found/);
  });
});
