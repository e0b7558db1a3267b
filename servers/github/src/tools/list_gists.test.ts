import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_gists', () => {
  const h = useHarness();

  it("lists your gists, or a user's", async () => {
    expect((await h.call('list_gists')).structured).toMatchObject({
      gists: [{ description: 'Hello world snippet', files: ['hello.md'] }],
    });
    expect((await h.call('list_gists', { username: 'octocat' })).structured?.gists).toHaveLength(1);
  });
});
