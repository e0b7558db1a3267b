import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, type FakeSlack, PNG_1X1, seedWorkspace, startFakeSlack, USER_TOKEN } from './index.js';

// Driven by Slack's own client, so the fake's answers have the shapes that client reads.
let slack: FakeSlack;
const client = (token: string) =>
  new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });

beforeEach(async () => {
  slack = await startFakeSlack({ workspace: seedWorkspace() });
});
afterEach(() => slack.close());

describe('direct messages', () => {
  it('lists DMs and group DMs by type, with a DM naming its other person', async () => {
    const user = client(USER_TOKEN);
    const ims = await user.conversations.list({ types: 'im' });
    expect(ims.channels?.map((c) => [c.id, c.is_im, c.user])).toEqual([
      ['D0ALICEBOB', true, 'U0BOB'],
      ['D0BOTALICE', true, 'U0BOT'],
    ]);
    const mpims = await user.conversations.list({ types: 'mpim' });
    expect(mpims.channels?.map((c) => [c.id, c.is_mpim])).toEqual([['G0TRIO', true]]);
    const bot = await client(BOT_TOKEN).conversations.list({ types: 'im,mpim' });
    expect(bot.channels).toEqual([expect.objectContaining({ id: 'D0BOTALICE', user: 'U0ALICE' })]);
  });

  it('opens a DM once, and a group DM with several users', async () => {
    const bot = client(BOT_TOKEN);
    const again = await bot.conversations.open({ users: 'U0ALICE' });
    expect(again).toMatchObject({ ok: true, no_op: true, already_open: true, channel: { id: 'D0BOTALICE' } });
    const fresh = await bot.conversations.open({ users: 'U0CAROL' });
    expect(fresh.no_op).toBeUndefined();
    expect(fresh.channel?.id).toMatch(/^D/);
    const group = await bot.conversations.open({ users: 'U0ALICE,U0CAROL' });
    expect(group.channel).toMatchObject({ is_mpim: true });
    await expect(bot.conversations.open({ users: 'U0GONE' })).rejects.toMatchObject({
      data: { error: 'user_disabled' },
    });
    const members = await bot.conversations.members({ channel: group.channel!.id! });
    expect(members.members?.sort()).toEqual(['U0ALICE', 'U0BOT', 'U0CAROL']);
  });
});

describe('changing messages', () => {
  it('lets the author alone edit and delete, and removes only its own reactions', async () => {
    const bot = client(BOT_TOKEN);
    const posted = await bot.chat.postMessage({ channel: 'C0RANDOM', text: 'draft' });
    const edited = await bot.chat.update({ channel: 'C0RANDOM', ts: posted.ts!, text: 'final' });
    expect(edited).toMatchObject({ channel: 'C0RANDOM', ts: posted.ts, text: 'final' });
    const bobs = slack.workspace.channel('C0RANDOM')!.messages[0]!.ts;
    await expect(bot.chat.update({ channel: 'C0RANDOM', ts: bobs, text: 'x' })).rejects.toMatchObject({
      data: { error: 'cant_update_message' },
    });
    await expect(bot.chat.delete({ channel: 'C0RANDOM', ts: bobs })).rejects.toMatchObject({
      data: { error: 'cant_delete_message' },
    });
    expect(await bot.chat.delete({ channel: 'C0RANDOM', ts: posted.ts! })).toMatchObject({ ts: posted.ts });
    const question = slack.workspace.channel('C0GENERAL')!.messages.find((m) => m.reply_count)!;
    await bot.reactions.remove({ channel: 'C0GENERAL', timestamp: question.ts, name: 'eyes' });
    expect(question.reactions).toEqual([{ name: 'eyes', users: ['U0ALICE'], count: 1 }]);
    await expect(
      bot.reactions.remove({ channel: 'C0GENERAL', timestamp: question.ts, name: 'eyes' }),
    ).rejects.toMatchObject({ data: { error: 'no_reaction' } });
  });
});

describe('files', () => {
  it('shows files the token can see, with download URLs that need the token', async () => {
    const info = await client(BOT_TOKEN).files.info({ file: 'F0CHART' });
    expect(info.file).toMatchObject({
      id: 'F0CHART',
      mimetype: 'image/png',
      size: 70,
      channels: ['C0FILES'],
    });
    const url = info.file!.url_private_download!;
    expect(url.startsWith(slack.apiUrl.replace('api/', 'files-pri/'))).toBe(true);
    const anonymous = await fetch(url, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    const authed = await fetch(url, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    expect(Buffer.from(await authed.arrayBuffer()).toString('base64')).toBe(PNG_1X1);
    await expect(client(BOT_TOKEN).files.info({ file: 'F0PLAN' })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
  });

  it("takes an upload through Slack's client (getUploadURLExternal, POST, completeUploadExternal)", async () => {
    const bot = client(BOT_TOKEN);
    const done = (await bot.filesUploadV2({
      channel_id: 'C0RANDOM',
      file: Buffer.from('hello file'),
      filename: 'hello.txt',
      title: 'Hello',
      initial_comment: 'see attached',
    })) as unknown as { files: Array<{ files?: Array<{ id: string; title: string }> }> };
    const id = done.files[0]!.files![0]!.id;
    expect(slack.workspace.file(id)).toMatchObject({
      title: 'Hello',
      mimetype: 'text/plain',
      channels: ['C0RANDOM'],
    });
    expect(slack.workspace.file(id)!.content.toString()).toBe('hello file');
    expect(slack.fileRequests).toEqual([
      expect.objectContaining({ method: 'POST', bytes: expect.any(Number) }),
    ]);
    expect(slack.workspace.channel('C0RANDOM')!.messages.at(-1)).toMatchObject({
      text: 'see attached',
      files: [expect.objectContaining({ id })],
    });
  });
});

describe('search filters', () => {
  it('narrows by has:link, has:file, dates and DMs', async () => {
    const user = client(USER_TOKEN);
    const texts = async (query: string) =>
      ((await user.search.messages({ query })).messages?.matches ?? []).map((m) => m.text);
    expect(await texts('has:file')).toEqual(['Notes and a chart: https://example.com/release']);
    expect(await texts('has:link chart')).toHaveLength(1);
    expect(await texts('in:@bob')).toEqual(['On it', 'Can you look at my PR?']);
    const today = new Date().toISOString().slice(0, 10);
    expect(await texts(`before:${today} kickoff`)).toEqual(['Kickoff notes are in the doc']);
    expect(await texts('after:2999-01-01 kickoff')).toEqual([]);
  });
});
