import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('get_dependabot_alert', () => {
  const h = useHarness();

  it('returns one alert by number', async () => {
    expect((await h.call('get_dependabot_alert', { ...where, alertNumber: 1 })).structured).toMatchObject({
      state: 'open',
    });
  });
});
