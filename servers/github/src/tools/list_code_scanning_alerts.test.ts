import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_code_scanning_alerts', () => {
  const h = useHarness();

  it('lists the alerts in a state', async () => {
    const code = await h.call('list_code_scanning_alerts', { ...where, state: 'open' });
    expect(code.structured).toMatchObject({
      alerts: [{ number: 1, title: 'js/xss', severity: 'high', path: 'src/index.ts' }],
    });
  });

  it('lists the alerts found on a ref, passing the ref to GitHub', async () => {
    const onMain = await h.call('list_code_scanning_alerts', { ...where, ref: 'refs/heads/main' });
    expect(onMain.structured).toMatchObject({ alerts: [{ number: 1 }] });
    expect(h.fake.gh.calls.at(-1)?.query).toContain('ref=refs%2Fheads%2Fmain');
    const elsewhere = await h.call('list_code_scanning_alerts', { ...where, ref: 'feature' });
    expect(elsewhere.structured).toMatchObject({ alerts: [] });
  });
});
