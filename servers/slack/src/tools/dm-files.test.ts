import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callTool } from '@refmcp/core/testing';
import { BOT_TOKEN, PNG_1X1 } from '@refmcp/fake-slack';
import { afterEach, describe, expect, it } from 'vitest';
import { allWrites, connect, type Harness, userToken } from '../test-helpers.js';

describe.each(['legacy', 'modern'] as const)('DMs, message edits and files (%s)', (era) => {
  let h: Harness;
  afterEach(() => h.close());

  it('lists DMs by type, reads their history, and searches with filters', async () => {
    h = await connect(era, userToken);
    const dms = await callTool(h.client, 'slack_list_channels', { types: ['im', 'mpim'] });
    expect(dms.text).toContain('@bob D0ALICEBOB (DM)');
    expect(dms.structured!.channels).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'G0TRIO', kind: 'mpim' })]),
    );
    const history = await callTool(h.client, 'slack_get_channel_history', { channel_id: '@bob' });
    expect((history.structured!.messages as Array<{ text: string }>).map((m) => m.text)).toEqual([
      'On it',
      'Can you look at my PR?',
    ]);
    const found = await callTool(h.client, 'slack_search_messages', {
      in_channel: '@bob',
      from_user: '@bob',
      after: '2000-01-01',
    });
    const [search] = h.slack.workspace.callsTo('search.messages');
    expect(search?.params.query).toBe('in:<@U0BOB> from:<@U0BOB> after:2000-01-01');
    expect(found.structured).toMatchObject({ total: 1, matches: [{ text: 'Can you look at my PR?' }] });
    const files = await callTool(h.client, 'slack_search_messages', { has_file: true, has_link: true });
    expect(files.structured).toMatchObject({ query: 'has:link has:file', total: 1 });
  });

  it('counts unread DMs, named after the other person', async () => {
    h = await connect(era, userToken);
    h.slack.workspace.addMessage('D0ALICEBOB', { user: 'U0BOB', text: 'Ping?' });
    const out = await callTool(h.client, 'slack_get_unreads', {});
    expect(out.structured!.channels).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'D0ALICEBOB',
          name: '@bob',
          messages: [expect.objectContaining({ text: 'Ping?' })],
        }),
      ]),
    );
    expect(out.text).toContain('@bob D0ALICEBOB: 1 unread');
  });

  it('posts to a DM only with --allow-dm, and never to a denied user', async () => {
    h = await connect(era, { allowWrite: true, denyChannels: ['@alice'] });
    const off = await callTool(h.client, 'slack_post_message', { channel_id: 'D0BOTALICE', text: 'hi' });
    expect(off.text).toContain('Writing in direct messages is off on this server.');
    await h.close();
    h = await connect(era, { allowWrite: true, allowDm: true, denyChannels: ['@alice'] });
    const denied = await callTool(h.client, 'slack_post_message', { channel_id: 'D0BOTALICE', text: 'hi' });
    expect(denied.text).toContain('is barred by this server');
    const open = await callTool(h.client, 'slack_open_conversation', { users: ['U0ALICE'] });
    expect(open.text).toContain('Permission denied: Messaging U0ALICE is barred by this server.');
    // Refused before anything was sent: no open, no post.
    expect(h.slack.workspace.callsTo('conversations.open')).toEqual([]);
    expect(h.slack.workspace.callsTo('chat.postMessage')).toEqual([]);
    const carol = await callTool(h.client, 'slack_open_conversation', { users: ['@carol'] });
    expect(carol.isError, carol.text).toBe(false);
    const dm = carol.structured!.channel as string;
    const posted = await callTool(h.client, 'slack_post_message', { channel_id: dm, text: 'hello' });
    expect(posted.isError, posted.text).toBe(false);
    expect(h.slack.workspace.callsTo('conversations.open')[0]).toMatchObject({
      params: { users: 'U0CAROL' },
      tokenKind: 'bot',
    });
  });

  it('opens a group DM for two others, and names the 1:1 DM when the token user is one of the two', async () => {
    h = await connect(era, { allowWrite: true, allowDm: true });
    const group = await callTool(h.client, 'slack_open_conversation', { users: ['@bob', '@carol'] });
    expect(group.structured).toMatchObject({ kind: 'mpim', users: ['U0BOB', 'U0CAROL'] });
    expect(group.text).toMatch(/^Opened group DM G\w+ with U0BOB, U0CAROL\.$/);
    const self = await callTool(h.client, 'slack_open_conversation', { users: ['@refbot', '@carol'] });
    expect(self.structured).toMatchObject({ kind: 'im' });
    expect(self.text).toMatch(/ DM D\w+ with /);
  });

  it('reads a bare name in the deny list as a person too, so a doubt ends in a refusal', async () => {
    h = await connect(era, { allowWrite: true, allowDm: true, denyChannels: ['alice'] });
    const open = await callTool(h.client, 'slack_open_conversation', { users: ['U0ALICE'] });
    expect(open.text).toContain('Permission denied: Messaging U0ALICE is barred by this server.');
    const denied = await callTool(h.client, 'slack_post_message', { channel_id: 'D0BOTALICE', text: 'hi' });
    expect(denied.text).toContain('is barred by this server');
    expect(h.slack.workspace.callsTo('chat.postMessage')).toEqual([]);
  });

  it('edits and deletes only its own messages; a delete is asked first', async () => {
    h = await connect(era, { allowWrite: true }, { approvals: 'accept' });
    const bobs = h.slack.workspace.channel('C0RANDOM')!.messages[0]!.ts;
    const notMine = await callTool(h.client, 'slack_update_message', {
      channel_id: 'C0RANDOM',
      ts: bobs,
      text: 'x',
    });
    expect(notMine.text).toContain("was not written by this server's account");
    const refused = await callTool(h.client, 'slack_delete_message', { channel_id: 'C0RANDOM', ts: bobs });
    expect(refused.isError).toBe(true);
    expect(h.slack.workspace.callsTo('chat.update')).toEqual([]);
    expect(h.slack.workspace.callsTo('chat.delete')).toEqual([]);
    const mine = h.slack.workspace.addMessage('C0RANDOM', { user: 'U0BOT', text: 'typo' });
    const edited = await callTool(h.client, 'slack_update_message', {
      channel_id: '#random',
      ts: mine.ts,
      text: '**fixed**',
    });
    expect(edited.isError, edited.text).toBe(false);
    expect(h.slack.workspace.callsTo('chat.update')[0]?.params).toMatchObject({
      channel: 'C0RANDOM',
      text: '*fixed*',
    });
    const gone = await callTool(h.client, 'slack_delete_message', { channel_id: '#random', ts: mine.ts });
    expect(gone.text).toBe(`Deleted ${mine.ts} in C0RANDOM.`);
    expect(h.asked).toEqual([
      `Delete your message ${mine.ts} in #random: "*fixed*". This cannot be undone. Go ahead?`,
    ]);
    expect(h.slack.workspace.channel('C0RANDOM')!.messages.some((m) => m.ts === mine.ts)).toBe(false);
  });

  it('removes its own reaction', async () => {
    h = await connect(era, { allowWrite: true });
    const question = h.slack.workspace.channel('C0GENERAL')!.messages.find((m) => m.reply_count)!;
    const out = await callTool(h.client, 'slack_remove_reaction', {
      channel_id: '#general',
      timestamp: question.ts,
      reaction: ':eyes:',
    });
    expect(out.text).toBe(`Removed :eyes: from ${question.ts} in C0GENERAL.`);
    expect(h.slack.workspace.callsTo('reactions.remove')[0]?.params).toMatchObject({ name: 'eyes' });
  });

  it('finds users by display name and email, and lists channel members', async () => {
    h = await connect(era);
    const byEmail = await callTool(h.client, 'slack_search_users', { query: 'carol.chen@' });
    expect(byEmail.structured).toMatchObject({
      total: 1,
      users: [{ id: 'U0CAROL', email: 'carol.chen@example.org' }],
    });
    const byDisplay = await callTool(h.client, 'slack_search_users', { query: 'cchen' });
    expect(byDisplay.structured!.users).toMatchObject([{ id: 'U0CAROL' }]);
    const members = await callTool(h.client, 'slack_list_channel_members', { channel_id: '#general' });
    expect(members.structured!.members).toEqual([
      { id: 'U0ALICE', name: 'alice', isBot: false },
      { id: 'U0BOB', name: 'bob', isBot: false },
      { id: 'U0BOT', name: 'refbot', isBot: true },
    ]);
  });

  it('returns images as image content and text as text, with the token sent only to the API host', async () => {
    h = await connect(era);
    const image = await h.client.callTool({ name: 'slack_get_file', arguments: { file_id: 'F0CHART' } });
    expect(image.content).toEqual(
      expect.arrayContaining([{ type: 'image', data: PNG_1X1, mimeType: 'image/png' }]),
    );
    const text = await callTool(h.client, 'slack_get_file', { file_id: 'F0NOTES' });
    expect(text.structured).toMatchObject({
      content: 'text',
      text: expect.stringContaining('faster search'),
    });
    expect(h.slack.fileRequests.map((r) => [r.method, r.tokenKind])).toEqual([
      ['GET', 'bot'],
      ['GET', 'bot'],
    ]);
    const hidden = await callTool(h.client, 'slack_get_file', { file_id: 'F0PLAN' });
    expect(hidden.isError).toBe(true);
  });

  it('refuses an oversized file before downloading it', async () => {
    h = await connect(era, { maxFileBytes: 16 });
    const out = await callTool(h.client, 'slack_get_file', { file_id: 'F0NOTES' });
    expect(out.text).toContain("is larger than this server's 16 bytes limit");
    expect(h.slack.fileRequests).toEqual([]);
    await h.close();
    h = await connect(era, { allowWrite: true, maxFileBytes: 16 });
    const up = await callTool(h.client, 'slack_upload_file', {
      channel_id: '#random',
      filename: 'big.txt',
      content: 'x'.repeat(17),
    });
    expect(up.text).toContain("is larger than this server's 16 bytes limit");
    expect(h.slack.workspace.callsTo('files.getUploadURLExternal')).toEqual([]);
  });

  it('uploads through the external flow, and never sends anything to an upload URL elsewhere', async () => {
    h = await connect(era, { ...allWrites });
    const out = await callTool(h.client, 'slack_upload_file', {
      channel_id: '#random',
      filename: 'hello.txt',
      content: 'hello',
      initial_comment: 'see **this**',
    });
    expect(out.isError, out.text).toBe(false);
    expect(h.slack.workspace.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({
      filename: 'hello.txt',
      length: '5',
    });
    expect(h.slack.workspace.callsTo('files.completeUploadExternal')[0]?.params).toMatchObject({
      channel_id: 'C0RANDOM',
      initial_comment: 'see *this*',
    });
    expect(h.slack.workspace.file(out.structured!.id as string)!.content.toString()).toBe('hello');

    let hits = 0;
    const elsewhere = createServer((_req, res) => {
      hits++;
      res.end('OK');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const port = (elsewhere.address() as AddressInfo).port;
      h.slack.answerNext('files.getUploadURLExternal', {
        ok: true,
        upload_url: `http://localhost:${port}/upload/v1/steal`,
        file_id: 'F0EVIL',
      });
      const evil = await callTool(h.client, 'slack_upload_file', {
        channel_id: '#random',
        filename: 'x.txt',
        content: 'secret',
      });
      expect(evil.text).toContain('which is neither Slack nor SLACK_API_URL; nothing was sent there');
      expect(evil.text).not.toContain(BOT_TOKEN);
      expect(hits).toBe(0);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });
});
