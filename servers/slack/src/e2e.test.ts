import { fileURLToPath } from 'node:url';
import type { TestEra } from '@refmcp/core/testing';
import {
  answerApprovals,
  CAN_ASK_USER,
  callEveryTool,
  callTool,
  connectHttp,
  runBin,
  spawnHttpBin,
  spawnStdio,
} from '@refmcp/core/testing';
import { BOT_TOKEN, type FakeSlack, seedWorkspace, startFakeSlack, USER_TOKEN } from '@refmcp/fake-slack';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** The built binary, exactly as `npx @refmcp/server-slack` runs it. */
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** One realistic call per tool. A tool added without an entry here fails the coverage test. */
function calls(slack: FakeSlack): Record<string, Record<string, unknown>> {
  const general = slack.workspace.channel('C0GENERAL')!;
  const thread = general.messages.find((m) => m.reply_count)!.ts;
  const random = slack.workspace.channel('C0RANDOM')!.messages[0]!.ts;
  // Alice's own message in her DM with Bob (the e2e runs with her user token).
  const mine = slack.workspace.channel('D0ALICEBOB')!.messages.find((m) => m.user === 'U0ALICE')!.ts;
  return {
    slack_list_channels: {},
    slack_get_channel_info: { channel_id: '#general' },
    slack_get_channel_history: { channel_id: '#general', duration: '7d' },
    slack_get_thread_replies: { channel_id: 'C0GENERAL', thread_ts: thread },
    slack_get_permalink: { channel_id: 'C0GENERAL', message_ts: thread },
    slack_get_users: {},
    slack_get_user_profile: { user_id: 'U0BOB' },
    slack_list_usergroups: {},
    slack_search_messages: { query: 'deploy' },
    slack_get_unreads: {},
    slack_post_message: { channel_id: '#random', text: '**hello** from e2e' },
    slack_reply_to_thread: { channel_id: '#general', thread_ts: thread, text: 'replying' },
    slack_add_reaction: { channel_id: 'C0RANDOM', timestamp: random, reaction: 'thumbsup' },
    slack_mark_read: { channel_id: '#general' },
    slack_create_usergroup: { name: 'E2E', handle: 'e2e' },
    slack_update_usergroup_members: { usergroup_id: 'S0ENG', user_ids: ['U0ALICE'] },
    slack_list_channel_members: { channel_id: '#general' },
    slack_search_users: { query: 'carol.chen' },
    slack_get_file: { file_id: 'F0CHART' },
    slack_open_conversation: { users: ['@bob'] },
    slack_update_message: { channel_id: 'D0ALICEBOB', ts: mine, text: 'On it, **now**' },
    slack_delete_message: { channel_id: 'D0ALICEBOB', ts: mine },
    slack_upload_file: { channel_id: '#random', filename: 'e2e.txt', content: 'from e2e' },
    slack_remove_reaction: { channel_id: 'C0GENERAL', timestamp: thread, reaction: 'eyes' },
  };
}

/** What the user approves during those calls: the posts others read, and replacing members. */
function approvals(slack: FakeSlack): string[] {
  const thread = slack.workspace.channel('C0GENERAL')!.messages.find((m) => m.reply_count)!.ts;
  return [
    'Post to #random: "**hello** from e2e". Go ahead?',
    `Reply in someone else's thread ${thread} in #general: "replying". Go ahead?`,
    expect.stringMatching(
      /^.*\(slack_update_usergroup_members\) with \{"usergroup_id":"S0ENG","user_ids":\["U0ALICE"\]\}\. This cannot be undone\. Go ahead\?$/,
    ),
    expect.stringMatching(
      /^Delete your message \d+\.\d+ in D0ALICEBOB: "On it, \*now\*"\. This cannot be undone\. Go ahead\?$/,
    ),
    'Upload e2e.txt (8 bytes) to #random. Go ahead?',
  ];
}

const everything = (slack: FakeSlack) => ({
  SLACK_USER_TOKEN: USER_TOKEN,
  SLACK_API_URL: slack.apiUrl,
  SLACK_ALLOW_WRITE: 'true',
  SLACK_ALLOW_MARK_READ: 'true',
  SLACK_ALLOW_USERGROUP_WRITE: 'true',
  SLACK_ALLOW_DM: 'true',
  SLACK_DENY_CHANNELS: '#old-project',
  LOG_LEVEL: 'debug',
});

describe.each(['legacy', 'modern'] as const)(
  'the built binary against the fake Slack (%s era)',
  (era: TestEra) => {
    let slack: FakeSlack;
    const cleanups: Array<() => Promise<unknown> | unknown> = [];
    beforeEach(async () => {
      slack = await startFakeSlack({ workspace: seedWorkspace() });
      cleanups.push(() => slack.close());
    });
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it('serves every tool over stdio, and never logs the token', async () => {
      const server = await spawnStdio({
        command: process.execPath,
        args: [BIN],
        env: everything(slack),
        era,
        client: CAN_ASK_USER,
      });
      cleanups.push(() => server.close());
      const asked = answerApprovals(server.client, 'accept');
      await callEveryTool(server.client, calls(slack));
      expect(asked).toEqual(approvals(slack));
      expect(server.stderr()).toContain('serving stdio');
      expect(server.stderr()).not.toContain(USER_TOKEN);
    });

    it('serves every tool over Streamable HTTP', async () => {
      const http = await spawnHttpBin({ command: process.execPath, args: [BIN], env: everything(slack) });
      cleanups.push(http.stop);
      const client = await connectHttp(http.url, era, { client: CAN_ASK_USER });
      cleanups.push(() => client.close());
      const asked = answerApprovals(client, 'accept');
      await callEveryTool(client, calls(slack));
      expect(asked).toEqual(approvals(slack));
      expect(http.stderr()).not.toContain(USER_TOKEN);
    });

    it('with a bot token and no switches: read tools only, no search', async () => {
      const server = await spawnStdio({
        command: process.execPath,
        args: [BIN],
        env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl },
        era,
      });
      cleanups.push(() => server.close());
      const { tools } = await server.client.listTools();
      expect(tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);
      expect(tools.map((t) => t.name)).not.toContain('slack_search_messages');
    });
  },
);

describe('startup', () => {
  it('needs no network: an unreachable API is reported on the first call', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN],
      env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: 'http://127.0.0.1:9/api/', SLACK_MAX_RETRIES: '0' },
    });
    try {
      const out = await callTool(server.client, 'slack_get_channel_history', { channel_id: 'C0GENERAL' });
      expect(out.text).toContain('Could not reach the Slack API at 127.0.0.1:9');
    } finally {
      await server.close();
    }
  });

  it('names the flag and the variable for a bad API URL', async () => {
    for (const [args, env] of [
      [['--api-url', 'notaurl'], { SLACK_BOT_TOKEN: BOT_TOKEN }],
      [[], { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: 'notaurl' }],
    ] as const) {
      const { code, stderr } = await runBin(BIN, [...args], env);
      expect(code).toBe(2);
      expect(stderr.split('\n')[0]).toBe(
        'refmcp-slack: --api-url (SLACK_API_URL) must be a URL like https://slack.com/api/, got "notaurl".',
      );
    }
  });

  it('exits 2 with one clear line when no token is set', async () => {
    const { code, stderr } = await runBin(BIN);
    expect(code).toBe(2);
    expect(stderr).toContain('refmcp-slack: Set SLACK_BOT_TOKEN (xoxb-…) or SLACK_USER_TOKEN (xoxp-…)');
  });
});
