import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('get_teams', () => {
  const h = useHarness();

  it("lists the user's teams in every organization", async () => {
    expect((await h.call('get_teams')).structured).toMatchObject({
      teams: [{ org: 'octo-org', slug: 'core' }],
    });
  });
});
