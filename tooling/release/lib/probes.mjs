/**
 * One real tool call per server, chosen to work under every README snippet's flags (read-only
 * included), and what each needs on disk first. GitHub and Slack are pointed at the local fakes
 * through their base-URL variables, with the fakes' tokens standing in for the README placeholders.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seedGitHub, startFakeGitHub, TOKEN } from '@refmcp/fake-github';
import { BOT_TOKEN, seedWorkspace, startFakeSlack, USER_TOKEN } from '@refmcp/fake-slack';

const GREETING = 'Installed from the registry.\n';

/** Starts the fakes; returns the environment the servers get and the placeholder values. */
export async function startFakes() {
  const [github, slack] = await Promise.all([
    startFakeGitHub({ gh: seedGitHub() }),
    startFakeSlack({ workspace: seedWorkspace() }),
  ]);
  return {
    env: { GITHUB_API_URL: github.apiUrl, SLACK_API_URL: slack.apiUrl },
    values: {
      GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_USER_TOKEN: USER_TOKEN,
      SLACK_TEAM_ID: slack.workspace.teamId,
    },
    close: () => Promise.all([github.close(), slack.close()]),
  };
}

/**
 * Per package: `setUp(paths, words)` makes the files the snippet's paths need and returns the
 * tool's arguments; `check(outcome)` returns a problem or nothing.
 */
export const PROBES = {
  '@refmcp/server-filesystem': {
    tool: 'read_text_file',
    async setUp(paths) {
      if (paths.length === 0) throw new Error('names no directory to serve');
      for (const dir of paths) await mkdir(dir, { recursive: true });
      const file = path.join(paths[0], 'hello.txt');
      await writeFile(file, GREETING);
      return { path: file };
    },
    check: (out) =>
      out.structured?.content === GREETING ? undefined : 'did not return the file it was given',
  },
  '@refmcp/server-sqlite': {
    tool: 'read_query',
    async setUp(paths, words) {
      if (paths.length === 0) throw new Error('names no database file');
      // --read-only and --read-only-db open existing files only; an empty file is an empty database.
      const readOnly = words.includes('--read-only') || words.includes('--read-only-db');
      for (const database of paths) {
        await mkdir(path.dirname(database), { recursive: true });
        if (readOnly) await writeFile(database, '', { flag: 'a' });
      }
      return { query: 'SELECT 6 * 7 AS answer' };
    },
    check: (out) => (JSON.stringify(out.structured?.rows) === '[[42]]' ? undefined : 'did not answer 42'),
  },
  '@refmcp/server-github': {
    tool: 'get_file_contents',
    setUp: () => ({ owner: 'octocat', repo: 'hello-world', path: 'README.md' }),
    check: (out) =>
      String(out.structured?.content).includes('Hello World') ? undefined : 'did not read the README',
  },
  '@refmcp/server-slack': {
    tool: 'slack_get_channel_history',
    setUp: () => ({ channel_id: '#general' }),
    check: (out) => (out.text.includes('Deploy finished') ? undefined : 'did not read #general'),
  },
};
