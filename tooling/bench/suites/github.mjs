// GitHub: @refmcp/server-github over MCP (stdio) against the local fake GitHub API. Two questions:
// how many bytes the default toolsets cost in tools/list (the context a host spends before the
// first call), against the archived official TypeScript server; and what a tool call adds on top
// of the REST request it makes (the same request sent with fetch from this process).
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

export const name = 'github';
export const description =
  '@refmcp/server-github: tools/list size, and call overhead over the fake GitHub API';

const SERVER_DIR = path.join(repoRoot, 'servers/github');
const OURS_BIN = path.join(SERVER_DIR, 'dist/index.js');
const FAKE_DIR = path.join(repoRoot, 'tooling/fake-github');
const FAKE_ENTRY = path.join(FAKE_DIR, 'dist/index.js');

/** @modelcontextprotocol/server-github (archived), 26 tools: its tools/list result in bytes. */
const OFFICIAL_LIST_BYTES = 15_854;
const OFFICIAL_TOOLS = 26;
const SAMPLES = { full: 41, quick: 9 };

/**
 * Targets, ours / base at most this. Bytes per tool: lower than the archived server although
 * ours carries output schemas. Call overhead: MCP (a process hop, JSON-RPC, schema validation,
 * trimming and sanitising) at most 3× a bare fetch of the same endpoint on loopback.
 */
const TARGET = { bytesPerTool: 1.0, call: 3.0 };

export async function run({ flags }) {
  ensureBuilt({
    filter: '@refmcp/fake-github',
    output: FAKE_ENTRY,
    sources: path.join(FAKE_DIR, 'src'),
    force: flags.build,
  });
  ensureBuilt({
    filter: '@refmcp/server-github',
    output: OURS_BIN,
    sources: path.join(SERVER_DIR, 'src'),
    force: flags.build,
  });
  const { seedGitHub, startFakeGitHub, TOKEN } = await import(pathToFileURL(FAKE_ENTRY).href);
  const fake = await startFakeGitHub({ gh: seedGitHub() });
  // Every default tool listed: the server hides the ones a classic token's scopes do not allow.
  fake.gh.addToken(TOKEN, 'octocat', ['repo', 'read:org', 'gist', 'notifications', 'delete_repo']);
  const rows = [];
  const details = [];
  const meta = {
    ours: '@refmcp/server-github (servers/github/dist), default toolsets',
    baseline: `tools/list of the archived @modelcontextprotocol/server-github: ${OFFICIAL_LIST_BYTES} bytes, ${OFFICIAL_TOOLS} tools; calls: fetch of the same REST endpoint`,
    api: fake.apiUrl,
    node: process.version,
  };
  const ours = await connectStdio({
    args: [OURS_BIN],
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: fake.apiUrl, LOG_LEVEL: 'error' },
    label: 'ours',
  }).then(listLikeAHost);
  try {
    if (selected(flags, 'tools-list')) {
      // Bytes per tool against the archived server's: one row shape for each way of counting.
      const bytesRow = (id, title, bytes, tools) =>
        makeRow({
          suite: name,
          id,
          title,
          ours: bytes / tools,
          base: OFFICIAL_LIST_BYTES / OFFICIAL_TOOLS,
          baseName: 'archived server-github',
          target: TARGET.bytesPerTool,
          samples: 1,
          check: `ours ${tools} / official ${OFFICIAL_TOOLS} tools`,
        });
      const list = await ours.client.listTools();
      const bytes = Buffer.byteLength(JSON.stringify(list));
      const perTool = bytes / list.tools.length;
      const count = list.tools.length;
      rows.push(
        bytesRow(
          'tools-list bytes/tool',
          `tools/list bytes per tool (${count} tools, ${bytes} bytes; not ms)`,
          bytes,
          count,
        ),
      );
      // The archived server had no output schemas: the same measure without ours, like for like.
      const bare = Buffer.byteLength(
        JSON.stringify({ tools: list.tools.map(({ outputSchema, ...t }) => t) }),
      );
      rows.push(
        bytesRow(
          'tools-list bytes/tool without output schemas',
          `tools/list bytes per tool without output schemas (${bare} bytes; not ms)`,
          bare,
          count,
        ),
      );
      // Every toolset, for hosts configured with `--toolsets all`.
      const everything = await connectStdio({
        args: [OURS_BIN, '--toolsets', 'all'],
        env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: fake.apiUrl, LOG_LEVEL: 'error' },
        label: 'ours (all toolsets)',
      });
      let all;
      try {
        all = await everything.client.listTools();
      } finally {
        await everything.close();
      }
      const allBytes = Buffer.byteLength(JSON.stringify(all));
      rows.push(
        bytesRow(
          'tools-list bytes/tool all toolsets',
          `tools/list bytes per tool, every toolset (${all.tools.length} tools, ${allBytes} bytes; not ms)`,
          allBytes,
          all.tools.length,
        ),
      );
      details.push({
        id: 'tools-list',
        bytes,
        bytesWithoutOutputSchemas: bare,
        tools: list.tools.length,
        perTool,
        allToolsets: { bytes: allBytes, tools: all.tools.length },
      });
      log(`  tools/list: ${bytes} bytes for ${list.tools.length} tools (${perTool.toFixed(0)} bytes/tool)`);
      log(`  tools/list, every toolset: ${allBytes} bytes for ${all.tools.length} tools`);
    }

    const api = `${fake.apiUrl}/api/v3`;
    const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json' };
    const cases = [
      {
        id: 'get_file_contents',
        title: 'get_file_contents of a small file vs fetch of the contents endpoint',
        ours: async () =>
          (
            await callTool(ours, 'get_file_contents', {
              owner: 'octocat',
              repo: 'hello-world',
              path: 'README.md',
            })
          ).structured.size,
        direct: async () => {
          const body = await (
            await fetch(`${api}/repos/octocat/hello-world/contents/README.md`, { headers })
          ).json();
          return Buffer.from(body.content, 'base64').length;
        },
      },
      {
        id: 'list_issues',
        title: 'list_issues (open) vs fetch of the issues endpoint',
        ours: async () =>
          (await callTool(ours, 'list_issues', { owner: 'octocat', repo: 'hello-world' })).structured.issues
            .length,
        direct: async () => {
          const body = await (
            await fetch(`${api}/repos/octocat/hello-world/issues?state=open`, { headers })
          ).json();
          return body.filter((i) => !i.pull_request).length;
        },
      },
    ];
    for (const spec of cases) {
      if (!selected(flags, spec.id)) continue;
      const samples = sampleCount(flags, SAMPLES);
      const res = await interleave({ ours: spec.ours, direct: spec.direct }, { samples, warmup: 2 });
      const row = makeRow({
        suite: name,
        id: spec.id,
        title: spec.title,
        ours: res.ours.median,
        base: res.direct.median,
        baseName: 'fetch',
        target: TARGET.call,
        samples,
        check: `ours ${res.ours.last} / fetch ${res.direct.last}`,
      });
      rows.push(row);
      details.push({
        id: spec.id,
        overheadMs: res.ours.median - res.direct.median,
        samples: { ours: res.ours.samples, direct: res.direct.samples },
      });
      log(`  ${spec.id}: ours ${row.ours.toFixed(2)} ms, fetch ${row.base.toFixed(2)} ms`);
    }
  } finally {
    await ours.close();
    await fake.close();
  }
  return { rows, details, meta };
}
