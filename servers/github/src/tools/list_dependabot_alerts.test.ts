import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_dependabot_alerts', () => {
  const h = useHarness();

  it('lists the alerts of a severity', async () => {
    const deps = await h.call('list_dependabot_alerts', { ...where, severity: 'critical' });
    expect(deps.structured).toMatchObject({ alerts: [{ title: 'left-pad', path: 'package-lock.json' }] });
  });

  it('pages by cursor: nextCursor goes back as after', async () => {
    h.fake.gh.alerts.push({
      kind: 'dependabot',
      repo: 'octocat/hello-world',
      number: 2,
      state: 'open',
      severity: 'low',
      subject: 'lodash',
      summary: 'ReDoS in lodash',
      path: 'package-lock.json',
      created_at: '2026-01-01T00:00:00Z',
    });
    const first = await h.call('list_dependabot_alerts', { ...where, perPage: 1 });
    const { alerts, nextCursor } = first.structured as { alerts: unknown[]; nextCursor?: string };
    expect(alerts).toMatchObject([{ title: 'left-pad' }]);
    expect(nextCursor).toEqual(expect.any(String));
    const second = await h.call('list_dependabot_alerts', { ...where, perPage: 1, after: nextCursor });
    expect(second.structured).toMatchObject({ alerts: [{ title: 'lodash' }] });
    expect(second.structured).not.toHaveProperty('nextCursor');
    expect(h.fake.gh.calls.at(-1)?.query).toContain(`after=${nextCursor}`);
  });
});
