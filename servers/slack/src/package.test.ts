import { fileURLToPath } from 'node:url';
import { callTool, describePackage } from '@refmcp/core/testing';
import { BOT_TOKEN, seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';
import { expect } from 'vitest';
import { options, TOKEN_ENV } from './config.js';

describePackage({
  dir: fileURLToPath(new URL('..', import.meta.url)),
  bin: 'refmcp-slack',
  options,
  secretEnv: [...TOKEN_ENV, 'SLACK_OAUTH_CLIENT_SECRET', 'UPSTREAM_TOKEN_KEY'],
  timeoutMs: 300_000,
  around: async () => {
    const slack = await startFakeSlack({ workspace: seedWorkspace() });
    return { env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl }, stop: () => slack.close() };
  },
  session: async ({ client }) => {
    const out = await callTool(client, 'slack_get_channel_history', { channel_id: '#general' });
    expect(out.isError, out.text).toBe(false);
    expect(out.text).toContain('Deploy finished');
  },
});
