import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { allWrites, connect, type Harness, userToken } from '../test-helpers.js';

const WRITE_TOOLS = [
  'slack_post_message',
  'slack_reply_to_thread',
  'slack_add_reaction',
  'slack_mark_read',
  'slack_create_usergroup',
  'slack_update_usergroup_members',
];

const toolNames = async (h: Harness) => (await h.client.listTools()).tools.map((t) => t.name);

describe.each(['legacy', 'modern'] as const)('write tools (%s)', (era) => {
  let h: Harness;
  afterEach(() => h.close());

  it('are not registered unless enabled, and each switch enables only its own', async () => {
    h = await connect(era);
    expect((await toolNames(h)).filter((n) => WRITE_TOOLS.includes(n))).toEqual([]);
    await expect(
      callTool(h.client, 'slack_post_message', { channel_id: 'C0GENERAL', text: 'hi' }),
    ).rejects.toThrow(
      /slack_post_message is not offered: writes are off by default; restart the server with --allow-write \(or SLACK_ALLOW_WRITE=true\) to allow them\./,
    );
    expect(h.slack.workspace.callsTo('chat.postMessage')).toEqual([]);
    await h.close();
    h = await connect(era, { allowMarkRead: true });
    expect((await toolNames(h)).filter((n) => WRITE_TOOLS.includes(n))).toEqual(['slack_mark_read']);
  });

  it('post with mrkdwn, unfurling off, and reply in a thread', async () => {
    h = await connect(era, { allowWrite: true });
    const out = await callTool(h.client, 'slack_post_message', {
      channel_id: '#random',
      text: '**Done**: see [PR](https://example.com/pr/1)',
    });
    expect(out.isError, out.text).toBe(false);
    expect(out.structured).toMatchObject({
      channel: 'C0RANDOM',
      text: '*Done*: see <https://example.com/pr/1|PR>',
    });
    const [call] = h.slack.workspace.callsTo('chat.postMessage');
    expect(call?.params).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false', channel: 'C0RANDOM' });
    const ts = out.structured!.ts as string;
    const reply = await callTool(h.client, 'slack_reply_to_thread', {
      channel_id: 'C0RANDOM',
      thread_ts: ts,
      text: 'ok',
    });
    expect(reply.text).toContain(`in thread ${ts}`);
    expect(h.slack.workspace.channel('C0RANDOM')!.messages.find((m) => m.ts === ts)?.reply_count).toBe(1);
  });

  it('unfurl links only when enabled', async () => {
    h = await connect(era, { allowWrite: true, unfurl: true });
    await callTool(h.client, 'slack_post_message', { channel_id: 'C0RANDOM', text: 'https://example.com' });
    expect(h.slack.workspace.callsTo('chat.postMessage')[0]?.params).toMatchObject({ unfurl_links: 'true' });
  });

  it('add reactions, colons optional', async () => {
    h = await connect(era, { allowWrite: true });
    const ts = h.slack.workspace.channel('C0RANDOM')!.messages[0]!.ts;
    const out = await callTool(h.client, 'slack_add_reaction', {
      channel_id: 'C0RANDOM',
      timestamp: ts,
      reaction: ':tada:',
    });
    expect(out.text).toBe(`Added :tada: to ${ts} in C0RANDOM.`);
    const again = await callTool(h.client, 'slack_add_reaction', {
      channel_id: 'C0RANDOM',
      timestamp: ts,
      reaction: 'tada',
    });
    expect(again).toMatchObject({
      isError: true,
      text: 'Invalid input: That reaction is already on the message.',
    });
  });

  it('only touch allow-listed channels, by ID or #name', async () => {
    h = await connect(era, { ...allWrites, writeChannels: ['#random'] });
    const denied = await callTool(h.client, 'slack_post_message', { channel_id: 'C0GENERAL', text: 'hi' });
    expect(denied.isError).toBe(true);
    expect(denied.text).toContain('Permission denied: Writing to #general (C0GENERAL) is not allowed');
    const ts = h.slack.workspace.channel('C0GENERAL')!.messages[0]!.ts;
    for (const [tool, args] of [
      ['slack_reply_to_thread', { thread_ts: ts, text: 'x' }],
      ['slack_add_reaction', { timestamp: ts, reaction: 'eyes' }],
      ['slack_mark_read', { ts }],
    ] as const) {
      const out = await callTool(h.client, tool, { channel_id: '#general', ...args });
      expect(out.text, tool).toContain('is not allowed by this server');
    }
    expect(h.slack.workspace.calls.filter((c) => /postMessage|reactions|mark/.test(c.method))).toEqual([]);
    const ok = await callTool(h.client, 'slack_post_message', { channel_id: 'C0RANDOM', text: 'hi' });
    expect(ok.isError, ok.text).toBe(false);
  });

  it('never touch a denied channel, whatever it is called', async () => {
    h = await connect(era, { allowWrite: true, denyChannels: ['#general'] });
    for (const ref of ['C0GENERAL', '#general', 'general', '<#C0GENERAL|general>', '#GENERAL']) {
      const out = await callTool(h.client, 'slack_post_message', { channel_id: ref, text: 'hi' });
      expect(out.text, ref).toContain('is barred by this server');
    }
    expect(h.slack.workspace.callsTo('chat.postMessage')).toEqual([]);
  });

  it('deny by ID holds against a #name too', async () => {
    h = await connect(era, {
      allowWrite: true,
      denyChannels: ['C0RANDOM'],
      writeChannels: ['C0RANDOM', '#general'],
    });
    const out = await callTool(h.client, 'slack_post_message', { channel_id: '#random', text: 'hi' });
    expect(out.text).toContain('barred');
  });

  it('mark a channel read at the newest message', async () => {
    h = await connect(era, { ...userToken, allowMarkRead: true });
    const out = await callTool(h.client, 'slack_mark_read', { channel_id: '#general' });
    expect(out.isError, out.text).toBe(false);
    const general = h.slack.workspace.channel('C0GENERAL')!;
    expect(general.lastRead.U0ALICE).toBe(out.structured!.ts);
    const unreads = await callTool(h.client, 'slack_get_unreads', {});
    expect(unreads.text).toMatch(/^Nothing unread in \d+ channels\.$/);
  });

  it('create usergroups and set their members', async () => {
    h = await connect(era, { allowUsergroupWrite: true });
    const created = await callTool(h.client, 'slack_create_usergroup', { name: 'On call', handle: 'oncall' });
    expect(created.structured).toMatchObject({ handle: 'oncall', userCount: 0 });
    const id = created.structured!.id as string;
    const set = await callTool(h.client, 'slack_update_usergroup_members', {
      usergroup_id: id,
      user_ids: ['U0BOB'],
    });
    expect(set.text).toBe(`Updated @oncall ${id} On call (1 member): U0BOB`);
    const missing = await callTool(h.client, 'slack_update_usergroup_members', {
      usergroup_id: 'S0NOPE',
      user_ids: ['U0BOB'],
    });
    expect(missing.text).toContain('Not found: Slack has no such usergroup.');
  });

  it("ask the user before a post or a reply in someone else's thread, not in a thread of ours", async () => {
    h = await connect(era, { allowWrite: true }, { approvals: 'accept' });
    const post = await callTool(h.client, 'slack_post_message', {
      channel_id: '#random',
      text: 'Deploy  done\n**now**',
    });
    expect(post.isError, post.text).toBe(false);
    const ours = post.structured!.ts as string;
    await callTool(h.client, 'slack_reply_to_thread', {
      channel_id: 'C0RANDOM',
      thread_ts: ours,
      text: 'details',
    });
    const general = h.slack.workspace.channel('C0GENERAL')!;
    const theirs = general.messages.find((m) => m.reply_count)!.ts;
    await callTool(h.client, 'slack_reply_to_thread', {
      channel_id: '#general',
      thread_ts: theirs,
      text: '+1',
    });
    expect(h.asked).toEqual([
      'Post to #random: "Deploy done **now**". Go ahead?',
      `Reply in someone else's thread ${theirs} in #general: "+1". Go ahead?`,
    ]);
    expect(h.slack.workspace.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('post nothing when the user declines, nor to a denied channel (refused before asking)', async () => {
    h = await connect(era, { allowWrite: true, denyChannels: ['#old-project'] }, { approvals: 'decline' });
    const declined = await callTool(h.client, 'slack_post_message', { channel_id: '#random', text: 'hi' });
    expect(declined.text).toMatch(
      /^The user declined: Post to #random: "hi"\. Nothing was done; do not retry/,
    );
    const denied = await callTool(h.client, 'slack_post_message', { channel_id: '#old-project', text: 'hi' });
    expect(denied.isError).toBe(true);
    expect(h.asked).toEqual(['Post to #random: "hi". Go ahead?']);
    expect(h.slack.workspace.callsTo('chat.postMessage')).toEqual([]);
  });
});
