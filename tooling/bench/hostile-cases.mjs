// The hostile reproducers of the responsiveness suite: which server, which call, what ours must
// answer, and the peer that takes the same input, if any.
import { officialFilesystem, SQLITE_PORT, SQLITE_PORT_VERSION, sqlitePort } from './peers.mjs';

/** Ours: where each server lives, its arguments after the entry file, and the fake API it needs. */
export const SERVERS = {
  filesystem: { filter: '@refmcp/server-filesystem', dir: 'servers/filesystem', args: (fx) => [fx.root] },
  sqlite: { filter: '@refmcp/server-sqlite', dir: 'servers/sqlite', args: (fx) => [fx.db] },
  github: { filter: '@refmcp/server-github', dir: 'servers/github', args: () => [], fake: 'fake-github' },
  slack: { filter: '@refmcp/server-slack', dir: 'servers/slack', args: () => [], fake: 'fake-slack' },
};

export const PEERS = {
  filesystem: async () => {
    const { bin, version } = officialFilesystem();
    // Its glob takes 30 s to minutes and its edits over a minute (1 GB): what 10 s shows is enough.
    return { label: `official ${version}`, argv: (fx) => [bin, fx.root], limitMs: 10_000 };
  },
  sqlite: async () => {
    const bin = await sqlitePort();
    // It does answer, in about 8 s on a quiet machine and 20 s on a busy one: let it.
    return (
      bin && { label: `${SQLITE_PORT} ${SQLITE_PORT_VERSION}`, argv: (fx) => [bin, fx.db], limitMs: 30_000 }
    );
  },
};

/**
 * The hostile reproducers. Each server first answers `warm`, one cheap call, so loading code and
 * starting workers on a fresh process is not billed to the attack (a shared server is warm when
 * one arrives). `expect` is what ours must answer (a refusal is a result here, but a
 * refusal for another reason would measure nothing); time and RSS targets are ratios to the peer.
 */
export const CASES = [
  {
    id: 'hostile-glob',
    title: 'search_files *a*a*a*a*b, a 201-char name',
    server: 'filesystem',
    warm: { tool: 'list_allowed_directories', input: {} },
    tool: 'search_files',
    input: (fx) => ({ path: fx.globs, pattern: '*a*a*a*a*b' }),
    expect: { outcome: 'ok' },
    peer: 'filesystem',
    // Linear matching answers in milliseconds where backtracking takes most of a minute; neither
    // side holds anything, and ours loads a little more code.
    timeTarget: 0.05,
    rssTarget: 1.25,
  },
  {
    id: 'hostile-edit',
    title: 'edit_file dryRun "xxxxxxxxxx", 40 MiB of x',
    server: 'filesystem',
    warm: { tool: 'list_allowed_directories', input: {} },
    tool: 'edit_file',
    input: (fx) => ({ path: fx.big, edits: [{ oldText: 'x'.repeat(10), newText: 'y' }], dryRun: true }),
    expect: { outcome: 'isError', text: /more than 1000 places/ },
    peer: 'filesystem',
    timeTarget: 1.0,
    rssTarget: 0.5,
  },
  {
    id: 'hostile-edit-line',
    title: 'edit_file dryRun END→FIN, end of a 40 MiB line',
    server: 'filesystem',
    warm: { tool: 'list_allowed_directories', input: {} },
    tool: 'edit_file',
    input: (fx) => ({ path: fx.big, edits: [{ oldText: 'END', newText: 'FIN' }], dryRun: true }),
    expect: { outcome: 'ok' },
    peer: 'filesystem',
    timeTarget: 1.0,
    rssTarget: 0.5,
  },
  {
    id: 'hostile-sqlite-cell',
    title: 'read_query hex(zeroblob(20000000)), a 40 MB cell',
    server: 'sqlite',
    tool: 'read_query',
    input: () => ({ query: 'SELECT hex(zeroblob(20000000)) AS big' }),
    // Starts the worker processes first.
    warm: { tool: 'read_query', input: { query: 'SELECT 1 AS one' } },
    expect: { outcome: 'ok', text: /longer than 64 KiB came back cut/ },
    peer: 'sqlite',
    // Ours sends the first 64 KiB, the port all of it. Memory counts every process of each side:
    // SQLite builds the 40 MB value whole in either, ours in a worker.
    timeTarget: 0.5,
    rssTarget: 1.2,
  },
  {
    id: 'hostile-github-issues',
    title: 'list_issues answered with 100,000 issues',
    server: 'github',
    upstream: 'github',
    warm: { tool: 'get_me', input: {} },
    tool: 'list_issues',
    input: () => ({ owner: 'octocat', repo: 'hello-world' }),
    expect: { outcome: 'isError', text: /GitHub answered more than 8 MiB for list_issues/ },
  },
  {
    id: 'hostile-slack-message',
    title: 'history page holding one 50 MiB message',
    server: 'slack',
    upstream: 'slack',
    warm: { tool: 'slack_get_channel_history', input: { channel_id: 'C0GENERAL' } },
    tool: 'slack_get_channel_history',
    input: () => ({ channel_id: 'C0HUGE' }),
    expect: { outcome: 'isError', text: /Slack answered more than 8 MiB to conversations.history/ },
  },
];
