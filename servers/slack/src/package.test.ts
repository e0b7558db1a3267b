import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { commonOptions } from '@refmcp/core';
import {
  callTool,
  type PackedServer,
  packServer,
  serverJsonProblems,
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

describe('server.json (the MCP Registry entry)', () => {
  it('names this package and version, and documents every environment variable with its default', async () => {
    const read = { options: [...Object.values(options), commonOptions['log-level']], secretEnv: TOKEN_ENV };
    expect(await serverJsonProblems(SERVER_DIR, read)).toEqual([]);
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
