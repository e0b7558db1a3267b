import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('list_global_security_advisories', () => {
  const h = useHarness();

  it('filters the database and passes the filters in GitHub names', async () => {
    const res = await h.call('list_global_security_advisories', {
      ecosystem: 'npm',
      severity: 'high',
      affects: 'left-pad',
      cwes: ['79', '22'],
    });
    expect(res.structured).toMatchObject({ advisories: [{ ghsaId: 'GHSA-4w2m-9vq8-c3hx' }] });
    const call = h.fake.gh.calls.at(-1);
    expect(call?.path).toBe('/advisories');
    expect(Object.fromEntries(new URLSearchParams(call?.query))).toMatchObject({
      type: 'reviewed',
      ecosystem: 'npm',
      severity: 'high',
      affects: 'left-pad',
      cwes: '79,22',
    });
    expect((await h.call('list_global_security_advisories', { ecosystem: 'go' })).structured).toEqual({
      advisories: [],
    });
  });
});
