import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import {
  callTool,
  connectHttp,
  MAIN_THREAD_CPU_BUDGET_MS,
  spawnHttpBin,
  spawnStdio,
  type ToolCallOutcome,
  underPressure,
} from '@refmcp/core/testing';
import { BOT_TOKEN, type FakeSlack, seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A hostile Slack (or whatever SLACK_API_URL points at) against the built server, over stdio and
 * over HTTP: while each bad answer is handled, the same server keeps answering pings, stays small,
 * and the session then answers a normal call. Before the byte cap, one 50 MB message in a history
 * page took the server to 550 MB with pings a second late.
 */

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const MiB = 1024 * 1024;

let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack({ workspace: seedWorkspace() });
  const ws = slack.workspace;
  const channel = (id: string) =>
    ws.addChannel({ id, name: id.toLowerCase(), members: ['U0ALICE', 'U0BOT'] });
  channel('C0HUGE');
  ws.addMessage('C0HUGE', { user: 'U0ALICE', text: 'h'.repeat(50 * MiB) });
  // Under the byte cap, but twice what one stdio message may carry once rendered.
  channel('C0LONG');
  for (let i = 0; i < 200; i++)
    ws.addMessage('C0LONG', { user: 'U0ALICE', text: `${i} ${'l'.repeat(39_000)}` });
  // Markup that never closes: each message cost 0.7 s of blocked event loop before.
  channel('C0MARKUP');
  for (let i = 0; i < 20; i++) ws.addMessage('C0MARKUP', { user: 'U0ALICE', text: '<@U1|'.repeat(8000) });
});
afterAll(() => slack?.close());

interface Reproducer {
  name: string;
  arrange?: () => void;
  args: Record<string, unknown>;
  check: (out: ToolCallOutcome) => void;
}

const REPRODUCERS: Reproducer[] = [
  {
    name: 'one message of 50 MB in a history page',
    args: { channel_id: 'C0HUGE' },
    check: (out) => {
      expect(out.isError).toBe(true);
      expect(out.text).toContain(
        'Slack answered more than 8 MiB to conversations.history; narrow the request (a smaller limit or duration) or raise --max-response-bytes.',
      );
    },
  },
  {
    name: 'a history page of 100,000 messages',
    arrange: () => slack.floodList('conversations.history', 100_000),
    args: { channel_id: 'C0GENERAL' },
    check: (out) => {
      expect(out.isError).toBe(true);
      expect(out.text).toContain('Slack answered more than 8 MiB to conversations.history');
    },
  },
  {
    name: '200 messages of 39,000 characters, under the byte cap',
    args: { channel_id: 'C0LONG', limit: 200 },
    check: (out) => {
      expect(out.isError, out.text).toBe(false);
      const messages = out.structured?.messages as Array<{ text: string }>;
      expect(messages).toHaveLength(200);
      expect(messages[0]?.text).toMatch(/^199 l+…\[[\d,]+ more characters cut\]$/);
    },
  },
  {
    name: '20 messages of markup that never closes',
    args: { channel_id: 'C0MARKUP', limit: 20 },
    check: (out) => {
      expect(out.isError, out.text).toBe(false);
      expect(out.structured?.messages).toHaveLength(20);
    },
  },
];

describe.each(['stdio', 'HTTP'] as const)(
  'the built server over %s, with Slack answering badly',
  (transport) => {
    let client: Client;
    let pid: number | null | undefined;
    let close: () => Promise<void>;

    beforeAll(async () => {
      const env = { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl };
      if (transport === 'stdio') {
        const server = await spawnStdio({ command: process.execPath, args: [BIN], env });
        ({ client, pid } = server);
        close = () => server.close();
      } else {
        const http = await spawnHttpBin({ command: process.execPath, args: [BIN], env });
        client = await connectHttp(http.url, 'legacy');
        pid = http.pid;
        close = async () => {
          await client.close();
          await http.stop();
        };
      }
    });
    afterAll(() => close?.());

    it.each(REPRODUCERS)('$name: a clear result, bounded event-loop CPU and memory', async (r) => {
      r.arrange?.();
      const pressure = await underPressure(client, pid, () =>
        callTool(client, 'slack_get_channel_history', r.args),
      );
      if (!pressure.outcome.ok) throw pressure.outcome.error;
      r.check(pressure.outcome.value);
      // CPU time, not ping latency, as in the GitHub server's test: the fake Slack API runs in this
      // test's own process, so encoding an 8 MB answer delays the pings themselves. Latency is
      // measured by the bench (`pnpm bench -- --only responsiveness`).
      expect(pressure.mainThreadCpuMs).toBeLessThan(MAIN_THREAD_CPU_BUDGET_MS);
      expect(pressure.peakRssBytes).toBeLessThan(300 * MiB);
      // The same session goes on.
      const bob = await callTool(client, 'slack_get_user_profile', { user_id: 'U0BOB' });
      expect(bob.isError, bob.text).toBe(false);
    });
  },
);
