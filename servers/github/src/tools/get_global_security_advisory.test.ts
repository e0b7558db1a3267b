import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

describe('get_global_security_advisory', () => {
  const h = useHarness();

  it('returns one advisory with its affected packages', async () => {
    const res = await h.call('get_global_security_advisory', { ghsaId: 'GHSA-4w2m-9vq8-c3hx' });
    expect(res.structured).toMatchObject({
      ghsaId: 'GHSA-4w2m-9vq8-c3hx',
      cveId: 'CVE-2026-0001',
      severity: 'high',
      packages: [{ ecosystem: 'npm', name: 'left-pad', vulnerable: '< 1.3.1' }],
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/advisories/GHSA-4w2m-9vq8-c3hx');
  });

  it('refuses an id that is not a GHSA id before calling GitHub', async () => {
    const before = h.fake.gh.calls.length;
    const res = await h.call('get_global_security_advisory', { ghsaId: 'CVE-2026-0001' });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('GHSA');
    expect(h.fake.gh.calls.length).toBe(before);
  });
});
