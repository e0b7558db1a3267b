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
  serverJsonProblems,
  spawnStdio,
  strayPackageFiles,
} from '@refmcp/core/testing';
import { type FakeGitHubServer, seedGitHub, startFakeGitHub, TOKEN } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { options } from './config.js';

/**
 * What a user gets from npm: the manifest agrees with the package, and the packed tarball
 * installs outside the workspace and serves over stdio (against the local fake API).
 */

const exec = promisify(execFile);
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT = 300_000;

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

describe('server.json (the MCP Registry entry)', () => {
  it('names this package and version, and documents every environment variable with its default', async () => {
    const read = {
      options: [...Object.values(options), commonOptions['log-level']],
      secretEnv: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
    };
    expect(await serverJsonProblems(SERVER_DIR, read)).toEqual([]);
  });
});

const skip = Boolean(process.env.REFMCP_SKIP_PACK_TEST);

describe.skipIf(skip)('the packed package, installed with npx outside the workspace', () => {
  let pack: PackedServer;
  let fake: FakeGitHubServer;

  beforeAll(async () => {
    fake = await startFakeGitHub({ gh: seedGitHub() });
    pack = await packServer(SERVER_DIR);
  }, TIMEOUT);

  afterAll(async () => {
    await pack?.cleanup();
    await fake?.close();
  });

  it('ships the build, server.json and README, and no tests', () => {
    for (const file of ['dist/index.js', 'dist/server.js', 'server.json', 'README.md'])
      expect(pack.files).toContain(file);
    expect(strayPackageFiles(pack.files)).toEqual([]);
    expect(pack.files.some((f) => f.includes('test-helpers'))).toBe(false);
  });

  it(
    'runs from the tarballs: a real MCP session over stdio',
    async () => {
      const env = { ...pack.npmEnv(), GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: fake.apiUrl };
      const pkg = await readJson<PackageJson>(path.join(SERVER_DIR, 'package.json'));
      const version = await exec('npx', pack.npxArgs('refmcp-github', '--version'), {
        cwd: pack.work,
        env,
        timeout: TIMEOUT,
      });
      expect(version.stdout.trim()).toBe(pkg.version);
      const server = await spawnStdio({
        command: 'npx',
        args: pack.npxArgs('refmcp-github'),
        env,
        cwd: pack.work,
      });
      try {
        const out = await callTool(server.client, 'get_file_contents', {
          owner: 'octocat',
          repo: 'hello-world',
          path: 'README.md',
        });
        expect(out.structured).toMatchObject({ content: expect.stringContaining('Hello World') });
      } finally {
        await server.close();
      }
    },
    TIMEOUT,
  );
});
