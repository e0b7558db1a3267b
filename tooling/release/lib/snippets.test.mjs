import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractSnippets, pathArguments, prepare } from './snippets.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const ctx = {
  home: '/sandbox/home',
  workspace: '/sandbox/workspace',
  values: { GITHUB_PERSONAL_ACCESS_TOKEN: 'fake-gh', SLACK_BOT_TOKEN: 'fake-slack', MCP_AUTH_TOKEN: 'beef' },
};

const README = `# x

\`\`\`json
{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@refmcp/server-github", "--toolsets", "repos"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "ghp_...", "GITHUB_TOOLS": "get_me" }
    },
    "local": { "command": "node", "args": ["/path/to/refmcp/servers/x/dist/index.js"] }
  }
}
\`\`\`

\`\`\`sh
pnpm install
MCP_AUTH_TOKEN=$(openssl rand -hex 32) npx -y @refmcp/server-filesystem --http --port 8080 ~/code \\
  /Users/me/notes
\`\`\`

\`\`\`json
{ "servers": { "fs": { "type": "stdio", "command": "npx", "args": ["-y", "@refmcp/server-filesystem", "\${workspaceFolder}"] } } }
\`\`\`
`;

describe('extractSnippets', () => {
  it('finds npx host configs and shell lines for our servers, with the line they start on', () => {
    const found = extractSnippets(README, 'README.md');
    expect(found.map((s) => [s.source, s.kind, s.package])).toEqual([
      ['README.md:4', 'host', '@refmcp/server-github'],
      ['README.md:18', 'shell', '@refmcp/server-filesystem'],
      ['README.md:23', 'host', '@refmcp/server-filesystem'],
    ]);
    expect(found[1].line).toBe(
      'MCP_AUTH_TOKEN=$(openssl rand -hex 32) npx -y @refmcp/server-filesystem --http --port 8080 ~/code /Users/me/notes',
    );
  });

  it('refuses a host config that is not valid JSON, since users paste it as it is', () => {
    const broken =
      '```json\n{ "mcpServers": { "x": { "command": "npx", "args": ["@refmcp/server-x",] } } }\n```\n';
    expect(() => extractSnippets(broken, 'servers/x/README.md')).toThrow(
      /servers\/x\/README.md:2: .*not valid JSON/,
    );
  });
});

describe('prepare', () => {
  const [github, shell, vscode] = extractSnippets(README, 'README.md');

  it('fills in a host config placeholder token and keeps every other value and argument', () => {
    const run = prepare(github, ctx);
    expect(run).toMatchObject({
      command: 'npx',
      args: ['-y', '@refmcp/server-github', '--toolsets', 'repos'],
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'fake-gh', GITHUB_TOOLS: 'get_me' },
      words: ['--toolsets', 'repos'],
      http: false,
    });
    expect(run.shown).not.toContain('fake-gh');
  });

  it('runs a shell line through sh with its secret, example paths and port replaced', () => {
    const run = prepare(shell, ctx);
    expect(run.command).toBe('sh');
    expect(run.args).toEqual([
      '-c',
      'MCP_AUTH_TOKEN=beef npx -y @refmcp/server-filesystem --http --port 0 ~/code /sandbox/home/notes',
    ]);
    expect(run).toMatchObject({ http: true, authToken: 'beef' });
    expect(run.shown).toBe(
      'MCP_AUTH_TOKEN=*** npx -y @refmcp/server-filesystem --http --port 0 ~/code /sandbox/home/notes',
    );
    expect(pathArguments(run.words, '/sandbox/run')).toEqual(['/sandbox/home/code', '/sandbox/home/notes']);
  });

  it("expands VS Code's workspaceFolder variable as the host would", () => {
    expect(prepare(vscode, ctx).args).toEqual(['-y', '@refmcp/server-filesystem', '/sandbox/workspace']);
  });

  it('names a placeholder it has no value for', () => {
    const slack = { ...github, env: { SLACK_USER_TOKEN: 'xoxp-…' } };
    expect(() => prepare(slack, ctx)).toThrow('SLACK_USER_TOKEN is a placeholder');
  });

  it('refuses shell it does not read rather than run something else', () => {
    const quoted = { ...shell, line: 'npx -y @refmcp/server-filesystem "my dir"' };
    expect(() => prepare(quoted, ctx)).toThrow(/quoting/);
  });
});

describe('pathArguments', () => {
  it('resolves relative database files against the folder the server runs in, and skips flag values', () => {
    expect(pathArguments(['--port', '0', '--read-only', './data.db'], '/run')).toEqual(['/run/data.db']);
    expect(pathArguments(['shop.db'], '/run')).toEqual(['/run/shop.db']);
  });

  it('takes the path out of a named database (name=path), not the name or a flag value', () => {
    const words = ['--read-only-db', 'archive', 'sales=./sales.db', 'archive=/data/archive.db'];
    expect(pathArguments(words, '/run')).toEqual(['/run/sales.db', '/data/archive.db']);
  });
});

describe('the READMEs', () => {
  it('give every published server a snippet the dry run can prepare', async () => {
    const files = [
      'README.md',
      ...['filesystem', 'sqlite', 'github', 'slack'].map((s) => `servers/${s}/README.md`),
    ];
    const snippets = [];
    for (const file of files)
      snippets.push(...extractSnippets(await readFile(path.join(repoRoot, file), 'utf8'), file));
    const values = { ...ctx.values, SLACK_TEAM_ID: 'T1', SLACK_USER_TOKEN: 'u' };
    for (const snippet of snippets)
      expect(() => prepare(snippet, { ...ctx, values }), snippet.source).not.toThrow();
    expect(new Set(snippets.map((s) => s.package))).toEqual(
      new Set([
        '@refmcp/server-filesystem',
        '@refmcp/server-sqlite',
        '@refmcp/server-github',
        '@refmcp/server-slack',
      ]),
    );
  });
});
