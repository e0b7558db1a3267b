import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Harness, userToken } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('read tools (%s)', (era) => {
  let h: Harness;
  afterEach(() => h.close());

  it('lists channels from the directory, archived ones only on request', async () => {
    h = await connect(era);
    const out = await callTool(h.client, 'slack_list_channels', {});
    const names = (out.structured!.channels as Array<{ name: string }>).map((c) => c.name);
    expect(names).toEqual(['general', 'random', 'no-bot', 'big', 'files']);
    expect(out.text).toContain('#general C0GENERAL (3 members, member) Company-wide');
    const all = await callTool(h.client, 'slack_list_channels', { include_archived: true, query: 'old' });
    expect(all.structured!.channels).toMatchObject([{ id: 'C0OLD', isArchived: true }]);
  });

  it('pages the channel list with an opaque cursor', async () => {
    h = await connect(era);
    const first = await callTool(h.client, 'slack_list_channels', { limit: 3 });
    expect(first.structured!.channels).toHaveLength(3);
    const second = await callTool(h.client, 'slack_list_channels', {
      limit: 3,
      cursor: first.structured!.nextCursor,
    });
    expect(second.structured).toMatchObject({ channels: [{ name: 'big' }, { name: 'files' }] });
    expect(second.structured!.nextCursor).toBeUndefined();
  });

  it('reads history with names resolved, ISO times and counts', async () => {
    h = await connect(era);
    const out = await callTool(h.client, 'slack_get_channel_history', { channel_id: '#general' });
    expect(out.isError, out.text).toBe(false);
    const messages = out.structured!.messages as Array<Record<string, unknown>>;
    expect(messages.map((m) => m.text)).toEqual([
      'Deploy finished :tada:',
      'Who reviews the release for @alice?',
      'Kickoff notes are in the doc',
    ]);
    expect(messages[1]).toMatchObject({
      user: 'U0BOB',
      userName: 'bob',
      replyCount: 2,
      reactions: [{ name: 'eyes', count: 2 }],
    });
    expect(messages[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(out.text).toContain('[2 replies, :eyes:×2]');
  });

  it('counts in the right number: one message, one member', async () => {
    h = await connect(era);
    const one = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL', limit: 1 });
    expect(one.text).toMatch(/^\S+, 1 message:\n/);
    const two = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL', limit: 2 });
    expect(two.text).toMatch(/^\S+, 2 messages:\n/);
    h.slack.workspace.channel('C0RANDOM')!.members = ['U0ALICE'];
    const info = await callTool(h.client, 'slack_get_channel_info', { channel_id: 'C0RANDOM' });
    expect(info.text).toContain('; 1 member; ');
  });

  it('limits history by duration', async () => {
    h = await connect(era);
    const day = await callTool(h.client, 'slack_get_channel_history', {
      channel_id: 'C0GENERAL',
      duration: '1d',
    });
    expect((day.structured!.messages as unknown[]).length).toBe(1);
    const week = await callTool(h.client, 'slack_get_channel_history', {
      channel_id: 'C0GENERAL',
      duration: '7d',
    });
    expect((week.structured!.messages as unknown[]).length).toBe(2);
    const bad = await callTool(h.client, 'slack_get_channel_history', {
      channel_id: 'C0GENERAL',
      duration: '7 days',
    });
    expect(bad.isError).toBe(true);
  });

  it('pages 1,000 messages across Slack pages and tool calls without gaps', async () => {
    h = await connect(era, {}, { seed: { bigChannelMessages: 1000 } });
    const seen: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const out = await callTool(h.client, 'slack_get_channel_history', {
        channel_id: '#big',
        limit: 300,
        cursor,
      });
      expect(out.isError, out.text).toBe(false);
      seen.push(...(out.structured!.messages as Array<{ text: string }>).map((m) => m.text));
      cursor = out.structured!.nextCursor as string | undefined;
      calls++;
    } while (cursor);
    expect(calls).toBe(4);
    expect(seen).toHaveLength(1000);
    expect(seen[0]).toBe('Message number 1');
    expect(seen[999]).toBe('Message number 1000');
    // 300 per tool call at 200 per Slack page: two requests each.
    expect(h.slack.workspace.callsTo('conversations.history').length).toBe(7);
  });

  it('reads a thread, parent first', async () => {
    h = await connect(era);
    const history = await callTool(h.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
    const parent = (history.structured!.messages as Array<{ ts: string; replyCount?: number }>).find(
      (m) => m.replyCount,
    )!;
    const out = await callTool(h.client, 'slack_get_thread_replies', {
      channel_id: 'C0GENERAL',
      thread_ts: parent.ts,
    });
    expect((out.structured!.messages as Array<{ text: string }>).map((m) => m.text)).toEqual([
      'Who reviews the release for @alice?',
      'I can',
      'Reminder noted',
    ]);
    expect(out.structured!.messages).toMatchObject([{}, { threadTs: parent.ts, userName: 'alice' }, {}]);
  });

  it('gives channel info, permalinks, users and profiles', async () => {
    h = await connect(era);
    const info = await callTool(h.client, 'slack_get_channel_info', { channel_id: '#random' });
    expect(info.structured).toMatchObject({
      id: 'C0RANDOM',
      name: 'random',
      purpose: 'Off topic',
      memberCount: 3,
    });
    const ts = h.slack.workspace.channel('C0RANDOM')!.messages[0]!.ts;
    const link = await callTool(h.client, 'slack_get_permalink', { channel_id: 'C0RANDOM', message_ts: ts });
    expect(link.text).toBe(`https://fake-workspace.slack.com/archives/C0RANDOM/p${ts.replace('.', '')}`);
    const users = await callTool(h.client, 'slack_get_users', {});
    expect((users.structured!.users as Array<{ name: string }>).map((u) => u.name)).toEqual([
      'alice',
      'bob',
      'carol',
      'refbot',
    ]);
    const carol = await callTool(h.client, 'slack_get_users', { query: 'chen' });
    expect(carol.text).toBe('@carol U0CAROL Carol Chen');
    const profile = await callTool(h.client, 'slack_get_user_profile', { user_id: 'U0ALICE' });
    expect(profile.structured).toMatchObject({ title: 'Staff Engineer', status: ':rocket: Shipping' });
  });

  it('lists usergroups', async () => {
    h = await connect(era);
    const out = await callTool(h.client, 'slack_list_usergroups', { include_users: true });
    expect(out.text).toBe('@eng S0ENG Engineering (2 members) All engineers: U0ALICE, U0BOB');
  });

  it('searches and finds unreads with a user token only', async () => {
    h = await connect(era, userToken);
    const found = await callTool(h.client, 'slack_search_messages', { query: 'deploy' });
    expect(found.structured).toMatchObject({
      total: 1,
      matches: [{ channel: { name: 'general' }, userName: 'alice' }],
    });
    expect(found.text).toMatch(/^1 match for deploy:\n/);
    const unreads = await callTool(h.client, 'slack_get_unreads', {});
    expect(unreads.isError, unreads.text).toBe(false);
    expect(unreads.structured!.channels).toMatchObject([
      { id: 'C0GENERAL', unreadCount: 1, messages: [{ text: 'Deploy finished :tada:' }] },
    ]);
  });
});
