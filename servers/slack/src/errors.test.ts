import { callTool } from '@refmcp/core/testing';
import { ALL_SCOPES, seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, connect, type Harness, USER_TOKEN, userToken } from './test-helpers.js';

const BAD_TOKEN = 'xoxb-9999-revoked-secret-token-abcdef';

describe.each(['legacy', 'modern'] as const)('Slack errors, said so a model can act (%s)', (era) => {
  let h: Harness;
  afterEach(() => h.close());

  it('not_in_channel and channel_not_found say what to do', async () => {
    h = await connect(era);
    const notIn = await callTool(h.client, 'slack_get_channel_history', { channel_id: '#no-bot' });
    expect(notIn.text).toBe(
      'Permission denied: The app is not a member of this channel.\n' +
        'Invite it (/invite @app in the channel) or pick a channel it is in from slack_list_channels.',
    );
    const hidden = await callTool(h.client, 'slack_get_channel_info', { channel_id: 'C0SECRET' });
    expect(hidden.text).toContain('Not found: Slack has no such channel');
    const unknown = await callTool(h.client, 'slack_get_channel_history', { channel_id: '#nope' });
    expect(unknown.text).toBe(
      'Not found: No channel named #nope is visible to this token.\nCall slack_list_channels for names and IDs (DMs: types ["im"], or slack_open_conversation).',
    );
  });

  it('missing_scope names the scope to add', async () => {
    h = await connect(era);
    h.slack.workspace.tokens.get(BOT_TOKEN)!.scopes = ALL_SCOPES.filter((s) => s !== 'users.profile:read');
    const out = await callTool(h.client, 'slack_get_user_profile', { user_id: 'U0ALICE' });
    expect(out.text).toBe(
      'Permission denied: The token lacks the users.profile:read scope needed for users.profile.get.\n' +
        "Add users.profile:read to the Slack app's scopes, reinstall the app, and restart with the new token.",
    );
  });

  it('a 429 with Retry-After is retried by the client and the call succeeds', async () => {
    h = await connect(era);
    h.slack.rateLimit('conversations.history', 1, 1);
    const started = performance.now();
    const out = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(out.isError, out.text).toBe(false);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(h.slack.workspace.callsTo('conversations.history')).toHaveLength(2);
  });

  it('a 429 on a Tier 2 method is waited out by the client while a Tier 3 call goes on', async () => {
    h = await connect(era, userToken);
    h.slack.rateLimit('search.messages', 1, 1);
    const order: string[] = [];
    const search = callTool(h.client, 'slack_search_messages', { query: 'deploy' }).then((out) => {
      order.push('search');
      return out;
    });
    // The history call starts once the search has met its 429 and is waiting it out.
    while (h.slack.workspace.callsTo('search.messages').length === 0)
      await new Promise((r) => setImmediate(r));
    const history = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    order.push('history');
    expect(history.isError, history.text).toBe(false);
    expect((await search).isError).toBe(false);
    expect(order).toEqual(['history', 'search']);
    expect(h.slack.workspace.callsTo('search.messages')).toHaveLength(2);
  });

  it('rate limiting that outlasts the retries says how long to wait', async () => {
    h = await connect(era, { maxRetries: 0 });
    h.slack.rateLimit('conversations.info', 5, 1);
    const out = await callTool(h.client, 'slack_get_channel_info', { channel_id: 'C0GENERAL' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('rate limiting');
    expect(out.text).toContain('Wait at least 1 second before calling again');
  });

  it('a long Retry-After fails that call at once with the wait, and other calls keep working', async () => {
    h = await connect(era);
    h.slack.rateLimit('conversations.info', 1, 3600);
    const limited = await callTool(h.client, 'slack_get_channel_info', { channel_id: 'C0GENERAL' });
    expect(limited.isError).toBe(true);
    expect(limited.text).toContain('Wait at least 3600 seconds');
    // Before, the client paused its whole queue for the Retry-After: this call hung for an hour.
    const next = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(next.isError, next.text).toBe(false);
    expect(h.slack.workspace.callsTo('conversations.info')).toHaveLength(1);
  });

  it('ok:false ratelimited bodies are reported too', async () => {
    h = await connect(era);
    h.slack.failNext('usergroups.list', 'ratelimited');
    const out = await callTool(h.client, 'slack_list_usergroups', {});
    expect(out.text).toContain('Upstream error: Slack is rate limiting these calls.');
  });

  it('without groups:read the directory still lists public channels', async () => {
    // Set before connecting: a connection warms the directory at once.
    const slack = await startFakeSlack({ workspace: seedWorkspace() });
    slack.failNext('conversations.list', 'missing_scope', 1, { needed: 'groups:read' });
    h = await connect(era, {}, { slack });
    const out = await callTool(h.client, 'slack_list_channels', {});
    expect(out.isError, out.text).toBe(false);
    const lists = h.slack.workspace.callsTo('conversations.list').map((c) => c.params.types);
    expect(lists).toEqual(['public_channel,private_channel', 'public_channel']);
  });

  it('search needs a user token; with a bot token it is not offered', async () => {
    h = await connect(era);
    const names = (await h.client.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('slack_search_messages');
    expect(names).not.toContain('slack_get_unreads');
  });
});

describe.each(['legacy', 'modern'] as const)('a bad token or an unreachable API (%s)', (era) => {
  let h: Harness;
  afterEach(() => h.close());

  it('starts anyway, reports the token on the call, and never shows it', async () => {
    h = await connect(era, { token: BAD_TOKEN });
    // The directory warm-up fails in the background without an unhandled rejection.
    const out = await callTool(h.client, 'slack_list_channels', {});
    expect(out).toMatchObject({ isError: true });
    expect(out.text).toBe(
      'Permission denied: Slack rejected the token (invalid_auth).\n' +
        'Check SLACK_BOT_TOKEN / SLACK_USER_TOKEN and restart the server.',
    );
    const history = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(history.text).toContain('invalid_auth');
    const logs = h.logs.join('\n');
    // Only a connection-long instance warms the directory; per-request ones load it on demand.
    if (era === 'legacy') expect(logs).toContain('directory warm-up failed');
    expect(logs).not.toContain(BAD_TOKEN);
    expect(logs).not.toContain(BAD_TOKEN.slice(5));
  });

  it('an unreachable API is an error on the call', async () => {
    h = await connect(era, { apiUrl: 'http://127.0.0.1:9/api/', maxRetries: 0, requestTimeoutMs: 2000 });
    const out = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    expect(out.text).toBe(
      'Upstream error: Could not reach the Slack API at 127.0.0.1:9.\nCheck the network and SLACK_API_URL, then try again.',
    );
  });

  it('good tokens never reach logs or results either, even at debug level', async () => {
    h = await connect(era, { ...userToken, allowWrite: true });
    await callTool(h.client, 'slack_post_message', { channel_id: 'C0GENERAL', text: `leak ${USER_TOKEN}` });
    const history = await callTool(h.client, 'slack_get_channel_history', {
      channel_id: 'C0GENERAL',
      limit: 1,
    });
    expect(history.text).toContain('leak [redacted]');
    expect(h.logs.length).toBeGreaterThan(0);
    expect(h.logs.join('\n')).not.toContain(USER_TOKEN);
  });
});

describe.each(['legacy', 'modern'] as const)('the read allow-list (%s)', (era) => {
  let h: Harness;
  afterEach(() => h.close());

  it('hides other channels from lists, history, links and search', async () => {
    h = await connect(era, { ...userToken, readChannels: ['#random'] });
    const list = await callTool(h.client, 'slack_list_channels', {});
    expect(list.structured).toMatchObject({ channels: [{ id: 'C0RANDOM' }] });
    expect((list.structured!.channels as unknown[]).length).toBe(1);
    for (const ref of ['C0GENERAL', '#general', '<#C0GENERAL>']) {
      const out = await callTool(h.client, 'slack_get_channel_history', { channel_id: ref });
      expect(out.text, ref).toContain('Reading #general (C0GENERAL) is not allowed');
    }
    const search = await callTool(h.client, 'slack_search_messages', { query: 'deploy' });
    expect(search.structured!.matches).toEqual([]);
    expect(h.slack.workspace.callsTo('conversations.history')).toEqual([]);
  });
});
