import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_secret_scanning_alerts', () => {
  const h = useHarness();

  it('lists the alerts by secret type, without the secret value', async () => {
    const secrets = await h.call('list_secret_scanning_alerts', where);
    expect(secrets.structured).toMatchObject({ alerts: [{ title: 'github_personal_access_token' }] });
    expect(secrets.text).not.toContain('redacted');
  });

  it('filters resolved alerts by resolution', async () => {
    h.fake.gh.alerts.push({
      kind: 'secret',
      repo: 'octocat/hello-world',
      number: 2,
      state: 'resolved',
      resolution: 'used_in_tests',
      severity: 'high',
      subject: 'aws_access_key_id',
      summary: 'AWS Access Key ID',
      path: 'test/fixtures.ts',
      created_at: '2026-01-01T00:00:00Z',
    });
    const inTests = await h.call('list_secret_scanning_alerts', { ...where, resolution: 'used_in_tests' });
    expect(inTests.structured).toMatchObject({ alerts: [{ number: 2, title: 'aws_access_key_id' }] });
    expect(h.fake.gh.calls.at(-1)?.query).toContain('resolution=used_in_tests');
    const revoked = await h.call('list_secret_scanning_alerts', { ...where, resolution: 'revoked' });
    expect(revoked.structured).toMatchObject({ alerts: [] });
  });
});
