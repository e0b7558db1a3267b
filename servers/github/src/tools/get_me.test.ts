import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('get_me', () => {
  const h = useHarness();

  it('describes the token owner', async () => {
    const me = await h.call('get_me');
    expect(me.structured).toMatchObject({ login: 'octocat', name: 'The Octocat' });
  });
});
