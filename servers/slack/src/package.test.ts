import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { commonOptions } from '@refmcp/core';
import {
  callTool,
  type PackageJson,
  type PackedServer,
  packServer,
  spawnStdio,
  strayPackageFiles,
} from '@refmcp/core/testing';
import { BOT_TOKEN, type FakeSlack, seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { options, TOKEN_ENV } from './config.js';

/** What a user gets from npm: the manifest agrees with the package, and the tarball runs. */

const exec = promisify(execFile);
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT = 300_000;

interface ServerJson {
  name: string;
  description: string;
  version: string;
  repository: { subfolder: string };
  packages: Array<{
    identifier: string;
    version: string;
    transport: { type: string };
    environmentVariables: Array<{ name: string; default?: string; isSecret?: boolean }>;
  }>;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

describe('server.json (the MCP Registry entry)', () => {
  it('names the same server, package and version as package.json', async () => {
    const pkg = await readJson<PackageJson>(path.join(SERVER_DIR, 'package.json'));
    const manifest = await readJson<ServerJson>(path.join(SERVER_DIR, 'server.json'));
    expect(manifest.name).toBe(pkg.mcpName);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.repository.subfolder).toBe('servers/slack');
    expect(manifest.packages).toMatchObject([
      { identifier: pkg.name, version: pkg.version, transport: { type: 'stdio' } },
    ]);
    // The registry rejects longer descriptions.
    expect(manifest.description.length).toBeLessThanOrEqual(100);
  });

  it('documents every environment variable the server reads, with its default; tokens as secrets', async () => {
    const manifest = await readJson<ServerJson>(path.join(SERVER_DIR, 'server.json'));
    const documented = new Map(manifest.packages[0]?.environmentVariables.map((v) => [v.name, v]));
    const read = [...Object.values(options), commonOptions['log-level']];
    expect([...documented.keys()].sort()).toEqual([...read.map((o) => o.env), ...TOKEN_ENV].sort());
    for (const option of read) {
      const fallback =
        'default' in option ? String(option.default) : option.type === 'boolean' ? 'false' : undefined;
      expect(documented.get(option.env)?.default, option.env).toBe(fallback);
    }
    for (const name of TOKEN_ENV) expect(documented.get(name)?.isSecret, name).toBe(true);
  });
});

const skip = Boolean(process.env.REFMCP_SKIP_PACK_TEST);

describe.skipIf(skip)('the packed package, installed with npx outside the workspace', () => {
  let pack: PackedServer;
  let slack: FakeSlack;

  beforeAll(async () => {
    [pack, slack] = await Promise.all([
      packServer(SERVER_DIR),
      startFakeSlack({ workspace: seedWorkspace() }),
    ]);
  }, TIMEOUT);

  afterAll(async () => {
    await slack?.close();
    await pack?.cleanup();
  });

  it('ships the build, server.json and README, and no tests', () => {
    for (const file of ['dist/index.js', 'dist/server.js', 'server.json', 'README.md']) {
      expect(pack.files).toContain(file);
    }
    expect(strayPackageFiles(pack.files)).toEqual([]);
    expect(pack.packed.dependencies?.['@refmcp/fake-slack']).toBeUndefined();
  });

  it(
    'runs from the tarballs: a real MCP session over stdio against the fake Slack',
    async () => {
      const env = pack.npmEnv();
      const version = await exec('npx', pack.npxArgs('refmcp-slack', '--version'), {
        cwd: pack.work,
        env,
        timeout: TIMEOUT,
      });
      expect(version.stdout.trim()).toBe(pack.packed.version);
      const server = await spawnStdio({
        command: 'npx',
        args: pack.npxArgs('refmcp-slack'),
        env: { ...env, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl },
        cwd: pack.work,
      });
      try {
        const out = await callTool(server.client, 'slack_get_channel_history', { channel_id: '#general' });
        expect(out.isError, out.text).toBe(false);
        expect(out.text).toContain('Deploy finished');
      } finally {
        await server.close();
      }
    },
    TIMEOUT,
  );
});
