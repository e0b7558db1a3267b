/**
 * What each bundle is run against, and with which settings (user_config values, as Claude Desktop
 * stores them after install):
 * - `full`: every setting that offers more tools turned on. The tools listed then are the ones the
 *   manifest records: all that the bundle's settings can offer.
 * - `minimal`: only the required settings, everything else at the manifest's defaults.
 * - `call`: one real tool call under `full`, checked against a known answer.
 * GitHub and Slack run against the local fakes of their APIs, reached through the bundles'
 * host and API URL settings.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TOKEN as GITHUB_TOKEN, seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { BOT_TOKEN, seedWorkspace, startFakeSlack, USER_TOKEN } from '@refmcp/fake-slack';
import { REPO } from '../bundles.mjs';

/**
 * @typedef {{ isError?: boolean, content?: Array<{ type: string, text?: string }>, structuredContent?: any }} CallResult
 * @typedef {object} Fixture
 * @property {Record<string, unknown>} full
 * @property {Record<string, unknown>} minimal
 * @property {string[]} offByDefault  tools `full` offers and `minimal` must not
 * @property {{ tool: string, args: Record<string, unknown>, check: (result: CallResult) => string | undefined }} call
 * @property {() => Promise<void>} close
 */

const tempDir = async (name) => realpath(await mkdtemp(path.join(tmpdir(), `refmcp-mcpb-${name}-`)));

const textOf = (result) =>
  (result.content ?? [])
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('\n');

/** A check that the call succeeded and its text contains `wanted`. */
const textIncludes = (wanted) => (result) => {
  if (result.isError) return `the call failed: ${textOf(result).slice(0, 300)}`;
  return textOf(result).includes(wanted)
    ? undefined
    : `expected the text to contain ${JSON.stringify(wanted)}`;
};

const NOTES = 'Bundle fixture: the notes of the second folder.\n';

/** @type {Record<string, () => Promise<Fixture>>} */
export const FIXTURES = {
  async filesystem() {
    const dir = await tempDir('fs');
    const [code, notes] = [path.join(dir, 'code'), path.join(dir, 'notes')];
    await Promise.all([mkdir(code), mkdir(notes)]);
    await writeFile(path.join(code, 'main.js'), 'console.log(1);\n');
    await writeFile(path.join(notes, 'todo.txt'), NOTES);
    return {
      // Two folders: the setting holds several, and each one becomes its own argument.
      full: { allowed_directories: [code, notes], read_only: false },
      minimal: { allowed_directories: [code] },
      offByDefault: [],
      call: {
        tool: 'read_text_file',
        args: { path: path.join(notes, 'todo.txt') },
        check: (result) =>
          textOf(result) === NOTES
            ? undefined
            : `expected the file's content, got ${textOf(result).slice(0, 300)}`,
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  },

  async sqlite() {
    const dir = await tempDir('sqlite');
    const file = path.join(dir, 'shop.db');
    // better-sqlite3 as the server resolves it in the workspace: no second copy to compile.
    const Database = createRequire(path.join(REPO, 'servers/sqlite/package.json'))('better-sqlite3');
    const db = new Database(file);
    db.exec(await readFile(path.join(REPO, 'servers/sqlite/examples/sample.sql'), 'utf8'));
    db.close();
    return {
      full: { database: file, read_only: false, max_rows: 25, query_timeout_ms: 5000 },
      minimal: { database: file },
      offByDefault: ['write_query', 'create_table'],
      call: {
        // 60 customers, cut at the 25 rows the setting asks for.
        tool: 'read_query',
        args: { query: 'SELECT id FROM customers ORDER BY id' },
        check: (result) => {
          const rows = result.structuredContent?.rows;
          if (result.isError || !Array.isArray(rows))
            return `the call failed: ${textOf(result).slice(0, 300)}`;
          return rows.length === 25 ? undefined : `expected 25 rows (max_rows), got ${rows.length}`;
        },
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  },

  async github() {
    const fake = await startFakeGitHub({ gh: seedGitHub() });
    // Every scope a tool needs: the server hides the tools a classic token's scopes do not allow.
    fake.gh.addToken(GITHUB_TOKEN, 'octocat', [
      'repo',
      'read:org',
      'gist',
      'notifications',
      'delete_repo',
      'project',
    ]);
    return {
      full: { github_token: GITHUB_TOKEN, toolsets: 'all', github_host: fake.apiUrl },
      minimal: { github_token: GITHUB_TOKEN },
      offByDefault: ['actions_list', 'list_gists', 'list_dependabot_alerts'],
      call: {
        tool: 'get_file_contents',
        args: { owner: 'octocat', repo: 'hello-world', path: 'README.md' },
        check: textIncludes('A sample repository.'),
      },
      close: () => fake.close(),
    };
  },

  async slack() {
    const fake = await startFakeSlack({ workspace: seedWorkspace() });
    return {
      full: {
        bot_token: BOT_TOKEN,
        user_token: USER_TOKEN,
        allow_write: true,
        allow_dm: true,
        write_channels: '#general',
        api_url: fake.apiUrl,
      },
      minimal: { bot_token: BOT_TOKEN },
      offByDefault: [
        'slack_post_message',
        'slack_add_reaction',
        'slack_search_messages',
        'slack_open_conversation',
        'slack_upload_file',
      ],
      call: {
        tool: 'slack_get_channel_history',
        args: { channel_id: '#general', limit: 20 },
        check: textIncludes('Deploy finished'),
      },
      close: () => fake.close(),
    };
  },
};
