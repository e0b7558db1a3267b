import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_dependabot_alerts', () => {
  const h = useHarness();

  it('lists the alerts of a severity', async () => {
    const deps = await h.call('list_dependabot_alerts', { ...where, severity: 'critical' });
    expect(deps.structured).toMatchObject({ alerts: [{ title: 'left-pad', path: 'package-lock.json' }] });
  });
});
