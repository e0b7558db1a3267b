// Slack: @refmcp/server-slack over MCP (stdio) against tooling/fake-slack on loopback. The archived
// official server cannot be pointed at another API URL, so its tools/list size is a recorded
// constant, and history is compared with @slack/web-api called in this process (the floor).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  callTool,
  connectStdio,
  ensureBuilt,
  interleave,
  listLikeAHost,
  log,
  makeRow,
  repoRoot,
  sampleCount,
  selected,
} from '../lib.mjs';

export const name = 'slack';
export const description = '@refmcp/server-slack over MCP vs the archived official server and @slack/web-api';

const SERVER_DIR = path.join(repoRoot, 'servers/slack');
const FAKE_DIR = path.join(repoRoot, 'tooling/fake-slack');
const OURS_BIN = path.join(SERVER_DIR, 'dist/index.js');

/** JSON.stringify(tools) of @modelcontextprotocol/server-slack's tools/list (8 tools), measured once. */
const OFFICIAL_TOOLS_BYTES = 3116;
const MESSAGES = 1000;
const PAGE = 200;
const SAMPLES = { full: 15, quick: 3 };

/**
 * Targets, ours / base at most this. tools/list: the eight drop-in tools (what a bot token gets by
 * default) may cost at most 2.5× the official bytes, because ours carry output schemas and all four
 * annotations; everything enabled (16 tools) at most 5×. History: a 1,000-message fetch through MCP
 * may take at most 2× the same five pages fetched in process.
 */
const TARGET = { toolsDefault: 2.5, toolsAll: 5, history: 2 };

const bytes = (tools) => Buffer.byteLength(JSON.stringify(tools), 'utf8');

export async function run({ flags }) {
  ensureBuilt({
    filter: '@refmcp/fake-slack',
    output: path.join(FAKE_DIR, 'dist/index.js'),
    force: flags.build,
  });
  ensureBuilt({
    filter: '@refmcp/server-slack',
    output: OURS_BIN,
    sources: path.join(SERVER_DIR, 'src'),
    force: flags.build,
  });
  const fake = await import(pathToFileURL(path.join(FAKE_DIR, 'dist/index.js')).href);
  const { WebClient } = createRequire(path.join(SERVER_DIR, 'package.json'))('@slack/web-api');

  const slack = await fake.startFakeSlack({
    workspace: fake.seedWorkspace({ bigChannelMessages: MESSAGES }),
  });
  const rows = [];
  const details = [];
  const meta = {
    ours: '@refmcp/server-slack (servers/slack/dist) against tooling/fake-slack',
    official: `@modelcontextprotocol/server-slack tools/list: ${OFFICIAL_TOOLS_BYTES} bytes (recorded)`,
    direct: '@slack/web-api WebClient in this process, same fake, same pages',
    messages: MESSAGES,
    node: process.version,
  };
  const base = { SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'warn' };
  const bot = await connectStdio({
    args: [OURS_BIN],
    env: { ...base, SLACK_BOT_TOKEN: fake.BOT_TOKEN },
    label: 'ours (bot, defaults)',
  }).then(listLikeAHost);
  const all = await connectStdio({
    args: [OURS_BIN],
    env: {
      ...base,
      SLACK_USER_TOKEN: fake.USER_TOKEN,
      SLACK_ALLOW_WRITE: 'true',
      SLACK_ALLOW_MARK_READ: 'true',
      SLACK_ALLOW_USERGROUP_WRITE: 'true',
    },
    label: 'ours (user, everything on)',
  });
  try {
    for (const [id, server, target] of [
      ['tools-list-bytes', bot, TARGET.toolsDefault],
      ['tools-list-bytes-all', all, TARGET.toolsAll],
    ]) {
      if (!selected(flags, id)) continue;
      const { tools } = await server.client.listTools();
      const size = bytes(tools);
      const row = makeRow({
        suite: name,
        id,
        title: `tools/list bytes, ${tools.length} tools ${server.label.replace(/^ours /, '')}`,
        ours: size,
        base: OFFICIAL_TOOLS_BYTES,
        baseName: 'official (bytes)',
        target,
        samples: 1,
        check: `${tools.length} vs 8 tools`,
        note: 'sizes in bytes, not ms',
      });
      rows.push(row);
      log(`  ${id}: ${size} bytes (${tools.length} tools) vs ${OFFICIAL_TOOLS_BYTES}`);
      details.push({ id, bytes: size, tools: tools.map((t) => [t.name, bytes(t)]) });
    }

    const direct = new WebClient(fake.BOT_TOKEN, { slackApiUrl: slack.apiUrl });
    const directPages = async () => {
      let count = 0;
      for await (const page of direct.paginate('conversations.history', { channel: 'C0BIG', limit: PAGE })) {
        count += page.messages.length;
      }
      return count;
    };
    const cases = [
      {
        id: 'history-1000-cursor',
        title: `history: ${MESSAGES} messages, ${MESSAGES / PAGE} calls following nextCursor`,
        ours: async () => {
          let count = 0;
          let cursor;
          do {
            const out = await callTool(bot, 'slack_get_channel_history', {
              channel_id: '#big',
              limit: PAGE,
              ...(cursor && { cursor }),
            });
            count += out.structured.messages.length;
            cursor = out.structured.nextCursor;
          } while (cursor);
          return count;
        },
      },
      {
        id: 'history-1000-one-call',
        title: `history: ${MESSAGES} messages in one call (${MESSAGES / PAGE} Slack pages)`,
        ours: async () =>
          (await callTool(bot, 'slack_get_channel_history', { channel_id: '#big', limit: MESSAGES }))
            .structured.messages.length,
      },
    ];
    for (const spec of cases) {
      if (!selected(flags, spec.id)) continue;
      const samples = sampleCount(flags, SAMPLES);
      const res = await interleave({ ours: spec.ours, direct: directPages }, { samples, warmup: 1 });
      const row = makeRow({
        suite: name,
        id: spec.id,
        title: spec.title,
        ours: res.ours.median,
        base: res.direct.median,
        baseName: '@slack/web-api',
        target: TARGET.history,
        samples,
        check: `ours ${res.ours.last} / direct ${res.direct.last}`,
      });
      rows.push(row);
      log(`  ${spec.id}: ours ${row.ours.toFixed(1)} ms, direct ${row.base.toFixed(1)} ms`);
      const min = { ours: Math.min(...res.ours.samples), direct: Math.min(...res.direct.samples) };
      details.push({ id: spec.id, min, samples: { ours: res.ours.samples, direct: res.direct.samples } });
    }
  } finally {
    await bot.close();
    await all.close();
    await slack.close();
  }
  return { rows, details, meta };
}
