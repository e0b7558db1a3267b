import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, type FakeSlack, seedWorkspace, startFakeSlack, USER_TOKEN } from './index.js';

let slack: FakeSlack;
const client = (token?: string) =>
  new WebClient(token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 20 },
  });

beforeEach(async () => {
  slack = await startFakeSlack({ workspace: seedWorkspace({ bigChannelMessages: 450 }) });
});
afterEach(() => slack.close());

describe('the fake Slack Web API', () => {
  it('checks tokens', async () => {
    await expect(client().auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
    await expect(client('xoxb-wrong').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    expect(await client(BOT_TOKEN).auth.test()).toMatchObject({
      ok: true,
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
    });
  });

  it('pages history newest first with cursors', async () => {
    const bot = client(BOT_TOKEN);
    const first = await bot.conversations.history({ channel: 'C0BIG', limit: 200 });
    expect(first.messages).toHaveLength(200);
    expect(first.messages?.[0]?.text).toBe('Message number 1');
    expect(first.has_more).toBe(true);
    const second = await bot.conversations.history({
      channel: 'C0BIG',
      limit: 200,
      cursor: first.response_metadata?.next_cursor ?? '',
    });
    expect(second.messages?.[0]?.text).toBe('Message number 201');
    let total = 0;
    for await (const page of bot.paginate('conversations.history', { channel: 'C0BIG', limit: 200 })) {
      total += (page as unknown as { messages: unknown[] }).messages.length;
    }
    expect(total).toBe(450);
  });

  it('accepts JSON bodies and records which token made each call, never among the params', async () => {
    await client(BOT_TOKEN).apiCall('chat.postMessage', {
      channel: 'C0GENERAL',
      text: 'hi',
      unfurl_links: false,
    });
    const [call] = slack.workspace.callsTo('chat.postMessage');
    expect(call).toEqual({
      method: 'chat.postMessage',
      params: { channel: 'C0GENERAL', text: 'hi', unfurl_links: 'false' },
      tokenKind: 'bot',
      userId: 'U0BOT',
      token: BOT_TOKEN,
    });
    const res = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'json' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, message: { text: 'json' } });
  });

  it('answers bot and user tokens differently', async () => {
    await expect(client(BOT_TOKEN).search.messages({ query: 'deploy' })).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
    const found = await client(USER_TOKEN).search.messages({ query: 'deploy' });
    expect(found.messages?.total).toBe(1);
    await expect(client(BOT_TOKEN).conversations.history({ channel: 'C0NOBOT' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(client(BOT_TOKEN).conversations.info({ channel: 'C0SECRET' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('reports a missing scope with the scope needed', async () => {
    slack.workspace.tokens.set('xoxb-noscope-000', { kind: 'bot', userId: 'U0BOT', scopes: [] });
    await expect(client('xoxb-noscope-000').users.list({})).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'users:read' },
    });
  });

  it('rate limits with Retry-After, and the client retries', async () => {
    slack.rateLimit('users.list', 1, 1);
    const started = Date.now();
    const res = await client(BOT_TOKEN).users.list({});
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(slack.workspace.callsTo('users.list')).toHaveLength(2);
  });

  it('keeps thread replies out of history and counts them on the parent', async () => {
    const history = await client(BOT_TOKEN).conversations.history({ channel: 'C0GENERAL' });
    const parent = history.messages?.find((m) => m.reply_count);
    expect(history.messages).toHaveLength(3);
    expect(parent).toMatchObject({ reply_count: 2, reactions: [{ name: 'eyes', count: 2 }] });
    const replies = await client(BOT_TOKEN).conversations.replies({ channel: 'C0GENERAL', ts: parent!.ts! });
    expect(replies.messages?.map((m) => m.text)).toEqual([parent!.text, 'I can', 'Reminder noted']);
  });

  it('floods a list on request: the real entries repeated, streamed without a Content-Length', async () => {
    const real = await client(BOT_TOKEN).conversations.history({ channel: 'C0GENERAL', limit: 2 });
    slack.floodList('conversations.history', 5_000);
    const res = await fetch(`${slack.apiUrl}conversations.history`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0GENERAL', limit: 2 }),
    });
    expect(res.headers.get('content-length')).toBeNull();
    const flooded = (await res.json()) as { ok: boolean; has_more: boolean; messages: unknown[] };
    expect(flooded).toMatchObject({ ok: true, has_more: real.has_more });
    expect(flooded.messages).toHaveLength(5_000);
    expect(flooded.messages[4_999]).toEqual(real.messages?.[1]);
    // Once: the next answer is a real page again.
    const again = await client(BOT_TOKEN).conversations.history({ channel: 'C0GENERAL', limit: 2 });
    expect(again.messages).toEqual(real.messages);
  });

  it('answers with whatever a test gives, once', async () => {
    slack.answerNext('users.info', { ok: true, user: 'not an object' });
    expect(await client(BOT_TOKEN).users.info({ user: 'U0BOB' })).toMatchObject({ user: 'not an object' });
    expect(await client(BOT_TOKEN).users.info({ user: 'U0BOB' })).toMatchObject({ user: { id: 'U0BOB' } });
  });

  it('takes the token from a form field too, and refuses unknown methods', async () => {
    const form = await fetch(`${slack.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: USER_TOKEN }).toString(),
    });
    expect(await form.json()).toMatchObject({ ok: true, user_id: 'U0ALICE' });
    expect(slack.workspace.callsTo('auth.test')[0]?.params).toEqual({});
    const unknown = await fetch(`${slack.apiUrl}nope.method`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('moves read positions and reports unread counts to user tokens', async () => {
    const user = client(USER_TOKEN);
    const before = await user.conversations.info({ channel: 'C0GENERAL' });
    expect(before.channel).toMatchObject({ unread_count_display: 1 });
    const latest = (await user.conversations.history({ channel: 'C0GENERAL', limit: 1 })).messages?.[0]?.ts;
    await user.conversations.mark({ channel: 'C0GENERAL', ts: latest! });
    const after = await user.conversations.info({ channel: 'C0GENERAL' });
    expect(after.channel).toMatchObject({ unread_count_display: 0, last_read: latest });
  });
});
