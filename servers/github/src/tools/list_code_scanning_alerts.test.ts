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
});
