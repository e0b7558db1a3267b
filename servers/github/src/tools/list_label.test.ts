import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_label', () => {
  const h = useHarness();

  it("lists an issue's labels", async () => {
    expect((await h.call('list_label', { ...where, issue_number: 1 })).structured).toMatchObject({
      labels: [{ name: 'bug' }],
    });
  });
});
