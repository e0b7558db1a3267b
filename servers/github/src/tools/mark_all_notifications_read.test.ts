import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('mark_all_notifications_read', () => {
  const h = useHarness();

  it("marks one repository's notifications read, or all", async () => {
    expect((await h.call('mark_all_notifications_read', where)).structured).toEqual({
      scope: 'octocat/hello-world',
    });
    expect((await h.call('mark_all_notifications_read')).structured).toEqual({ scope: 'all' });
  });
});
