import { createLogger } from '@refmcp/core';
import { callTool, connectInProcess } from '@refmcp/core/testing';
import { seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { connect, type Harness, testConfig } from './test-helpers.js';

const text = (result: { contents: Array<{ text?: string } | { blob: string }> }) =>
  JSON.parse((result.contents[0] as { text: string }).text) as Array<Record<string, unknown>>;

describe.each(['legacy', 'modern'] as const)('directory resources (%s)', (era) => {
  let h: Harness;
  afterEach(() => h.close());

  it('serves slack://channels and slack://users from the cache', async () => {
    h = await connect(era);
    const channels = text(await h.client.readResource({ uri: 'slack://channels' }));
    expect(channels.map((c) => c.name)).toContain('general');
    const users = text(await h.client.readResource({ uri: 'slack://users' }));
    expect(users.find((u) => u.id === 'U0ALICE')).toMatchObject({ realName: 'Alice Archer' });
    const one = text(await h.client.readResource({ uri: 'slack://channels/general' }));
    expect(one).toMatchObject({ id: 'C0GENERAL' });
  });

  it('completes channel names, honouring the read allow-list', async () => {
    h = await connect(era, { readChannels: ['#general', '#big'] });
    const res = await h.client.complete({
      ref: { type: 'ref/resource', uri: 'slack://channels/{channel}' },
      argument: { name: 'channel', value: 'g' },
    });
    expect(res.completion.values).toEqual(['general']);
  });

  it('offers a channel digest prompt whose channel argument completes', async () => {
    h = await connect(era);
    const res = await h.client.complete({
      ref: { type: 'ref/prompt', name: 'channel-digest' },
      argument: { name: 'channel', value: 'ra' },
    });
    expect(res.completion.values).toEqual(['random']);
    const prompt = await h.client.getPrompt({
      name: 'channel-digest',
      arguments: { channel: 'random', duration: '1d' },
    });
    const first = prompt.messages[0]?.content;
    expect(first?.type === 'text' && first.text).toContain('channel_id "#random", duration "1d"');
  });
});

describe('the directory cache', () => {
  it('loads once per TTL, and again when stale', async () => {
    const slack = await startFakeSlack({ workspace: seedWorkspace() });
    let now = 1_000_000;
    const app = createApp(testConfig(slack.apiUrl, { cacheTtlSeconds: 60 }), {
      logger: createLogger({ name: 't', level: 'silent' }),
      now: () => now,
    });
    const client = await connectInProcess(app, { era: 'legacy' });
    try {
      await callTool(client, 'slack_get_users', {});
      await callTool(client, 'slack_get_users', {});
      await callTool(client, 'slack_get_channel_history', { channel_id: '#general' });
      expect(slack.workspace.callsTo('users.list')).toHaveLength(1);
      slack.workspace.addUser({ id: 'U0DAVE', name: 'dave' });
      now += 61_000;
      // A stale directory answers at once and refreshes behind the call.
      const stale = await callTool(client, 'slack_get_users', { query: 'dave' });
      expect(stale.text).toBe('No users.');
      // The refresh lands behind the call; on a busy machine that can take a while.
      let out = stale;
      for (const deadline = Date.now() + 5000; out.text !== '@dave U0DAVE dave' && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        out = await callTool(client, 'slack_get_users', { query: 'dave' });
      }
      expect(out.text).toBe('@dave U0DAVE dave');
      expect(slack.workspace.callsTo('users.list')).toHaveLength(2);
    } finally {
      await client.close();
      await app.close();
      await slack.close();
    }
  });

  it('bounds the wait for a slow first load; IDs keep working meanwhile', async () => {
    const slack = await startFakeSlack({ workspace: seedWorkspace() });
    // The first channel listing is rate limited for 2 s; the client waits that out behind the call.
    slack.rateLimit('conversations.list', 1, 2);
    const app = createApp(testConfig(slack.apiUrl), {
      logger: createLogger({ name: 't', level: 'silent' }),
      directoryWaitMs: 200,
    });
    const client = await connectInProcess(app, { era: 'legacy' });
    try {
      const started = performance.now();
      const byName = await callTool(client, 'slack_get_channel_history', { channel_id: '#general' });
      expect(performance.now() - started).toBeLessThan(1500);
      expect(byName.text).toBe(
        'Upstream error: The channel directory is still loading.\n' +
          'Try again in a few seconds, or pass a channel ID (C…) instead of a #name.',
      );
      const byId = await callTool(client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
      expect(byId.isError, byId.text).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 2300));
      const later = await callTool(client, 'slack_get_channel_history', { channel_id: '#general' });
      expect(later.isError, later.text).toBe(false);
    } finally {
      await client.close();
      await app.close();
      await slack.close();
    }
  });
});
