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
});
