/**
 * The four servers as the conformance run meets them: the built bin, a realistic fixture (real
 * files, a real database, the fake GitHub and Slack APIs with fake tokens), and one real tool call
 * whose output is known in advance, for the Inspector smoke test.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKEN as GITHUB_TOKEN, seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { BOT_TOKEN, seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const serverDir = (name) => path.join(REPO, 'servers', name);

/**
 * @typedef {{ tool: string, args: Record<string, unknown>, check: (result: any) => string | undefined }} Smoke
 * @typedef {{ args: string[], env: Record<string, string>, roots?: string[], smoke: Smoke, close: () => Promise<void> }} Fixture
 * @typedef {{ name: string, bin: string, start: () => Promise<Fixture> }} ServerSpec
 */

const tempDir = async (name) => realpath(await mkdtemp(path.join(tmpdir(), `refmcp-conformance-${name}-`)));

/** The text content of a tools/call result, or why it is not a successful one. */
export function resultText(result) {
  if (!result || result.isError) return undefined;
  return (result.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text)
    .join('\n');
}

const textIncludes = (wanted) => (result) => {
  const text = resultText(result);
  if (text === undefined) return `expected a successful result, got ${JSON.stringify(result).slice(0, 300)}`;
  return text.includes(wanted) ? undefined : `expected the text to contain ${JSON.stringify(wanted)}`;
};

const NOTES = 'Conformance fixture: the quick brown fox reads its own notes.\n';

/** @type {ServerSpec[]} */
export const SERVERS = [
  {
    name: 'filesystem',
    // What the package's bin runs: the bundled server.
    bin: path.join(serverDir('filesystem'), 'dist/bin.js'),
    async start() {
      const dir = await tempDir('fs');
      await mkdir(path.join(dir, 'docs'));
      await writeFile(path.join(dir, 'README.md'), '# Fixture\n\nA folder for the conformance run.\n');
      await writeFile(path.join(dir, 'docs', 'notes.txt'), NOTES);
      await writeFile(path.join(dir, 'data.json'), '{ "answer": 42 }\n');
      return {
        args: [dir],
        env: {},
        // A client that declares roots narrows the sandbox to them, so the Inspector names the folder.
        roots: [dir],
        smoke: {
          tool: 'read_text_file',
          args: { path: path.join(dir, 'docs', 'notes.txt') },
          check: (result) =>
            resultText(result) === NOTES
              ? undefined
              : `expected the file's content, got ${resultText(result)}`,
        },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'sqlite',
    bin: path.join(serverDir('sqlite'), 'dist/index.js'),
    async start() {
      const dir = await tempDir('sqlite');
      const file = path.join(dir, 'shop.db');
      // better-sqlite3 as the server resolves it: no second copy to install or compile.
      const Database = createRequire(path.join(serverDir('sqlite'), 'package.json'))('better-sqlite3');
      const db = new Database(file);
      db.exec(await readFile(path.join(serverDir('sqlite'), 'examples/sample.sql'), 'utf8'));
      db.close();
      return {
        args: [file],
        env: {},
        smoke: {
          tool: 'read_query',
          args: {
            query: 'SELECT COUNT(*) AS customers, (SELECT COUNT(*) FROM orders) AS orders FROM customers',
          },
          check: (result) => {
            const row = result?.structuredContent?.rows?.[0];
            if (JSON.stringify(row) !== '[60,400]') {
              return `expected 60 customers and 400 orders, got ${JSON.stringify(result).slice(0, 300)}`;
            }
            return textIncludes('60 | 400')(result);
          },
        },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'github',
    bin: path.join(serverDir('github'), 'dist/index.js'),
    async start() {
      const fake = await startFakeGitHub({ gh: seedGitHub() });
      return {
        args: [],
        env: {
          GITHUB_PERSONAL_ACCESS_TOKEN: GITHUB_TOKEN,
          GITHUB_API_URL: fake.apiUrl,
          GITHUB_REQUEST_SPACING_MS: '0',
        },
        smoke: {
          tool: 'get_file_contents',
          args: { owner: 'octocat', repo: 'hello-world', path: 'README.md' },
          check: textIncludes('A sample repository.'),
        },
        close: () => fake.close(),
      };
    },
  },
  {
    name: 'slack',
    bin: path.join(serverDir('slack'), 'dist/index.js'),
    async start() {
      const fake = await startFakeSlack({ workspace: seedWorkspace() });
      return {
        args: [],
        env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl },
        smoke: {
          tool: 'slack_get_channel_history',
          args: { channel_id: '#general', limit: 20 },
          check: textIncludes('Deploy finished'),
        },
        close: () => fake.close(),
      };
    },
  },
];
