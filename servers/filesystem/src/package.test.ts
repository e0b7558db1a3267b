import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { options } from './config.js';

/**
 * What a user gets from npm: the package is packed, installed from the tarballs in a folder
 * outside the workspace, and run the way the README's one-liner runs it. A file missing from
 * `files`, a `workspace:` range left in, or a bin without its shebang fails here, not for a user.
 */

const exec = promisify(execFile);
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT = 120_000;

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

describe('server.json (the MCP Registry entry)', () => {
  it('names this package and version, and documents every environment variable with its default', async () => {
    const read = { options: [...Object.values(options), commonOptions['log-level']] };
    expect(await serverJsonProblems(SERVER_DIR, read)).toEqual([]);
  });
});

const skip = Boolean(process.env.REFMCP_SKIP_PACK_TEST);
if (skip)
  console.warn('package.test.ts: skipping the pack-and-install test because REFMCP_SKIP_PACK_TEST is set.');

describe.skipIf(skip)('the packed package, installed with npx outside the workspace', () => {
  let pack: PackedServer;
  let pkg: PackageJson;
  let coreVersion: string;

  beforeAll(async () => {
    pkg = await readJson<PackageJson>(path.join(SERVER_DIR, 'package.json'));
    coreVersion = (await readJson<PackageJson>(path.join(SERVER_DIR, '../../packages/core/package.json')))
      .version;
    pack = await packServer(SERVER_DIR);
  }, TIMEOUT);

  afterAll(() => pack?.cleanup());

  it('depends on @refmcp/core by a real semver range that accepts the packed core', () => {
    const range = pack.packed.dependencies?.['@refmcp/core'];
    expect(range).toMatch(/^[\^~]?\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(range?.replace(/^[\^~]/, '')).toBe(coreVersion);
    const specs = [
      pack.packed.dependencies,
      pack.packed.peerDependencies,
      pack.packed.optionalDependencies,
    ].flatMap((deps) => Object.entries(deps ?? {}));
    for (const [name, spec] of specs) expect(spec, name).not.toMatch(/^(workspace|link|file):/);
  });

  it('has a bin with a node shebang, engines and mcpName', async () => {
    expect(Object.keys(pack.packed.bin ?? {})).toEqual(['refmcp-filesystem']);
    const bin = path.normalize(pack.packed.bin?.['refmcp-filesystem'] ?? '');
    expect(pack.files).toContain(bin);
    const head = (await readFile(path.join(pack.unpacked, 'package', bin), 'utf8')).split('\n')[0];
    expect(head).toBe('#!/usr/bin/env node');
    expect(pack.packed.engines?.node).toBe(pkg.engines?.node);
    expect(pack.packed.mcpName).toBe('io.github.refmcp/server-filesystem');
  });

  it('ships the build, server.json, README and package.json, and no tests or sources', () => {
    for (const file of ['dist/index.js', 'dist/server.js', 'server.json', 'README.md']) {
      expect(pack.files).toContain(file);
    }
    expect(strayPackageFiles(pack.files)).toEqual([]);
    expect(pack.packed.files?.some((entry) => /^(\.\/)?src\b/.test(entry))).toBe(false);
  });

  it(
    'runs from the tarballs: --version, then a real MCP session over stdio',
    async () => {
      const env = pack.npmEnv();
      const run = { cwd: pack.work, env, timeout: TIMEOUT };
      // The first run installs both tarballs and their dependencies from the registry.
      const version = await exec('npx', pack.npxArgs('refmcp-filesystem', '--version'), run);
      expect(version.stdout.trim()).toBe(pkg.version);

      const root = path.join(pack.work, 'files');
      await mkdir(root);
      const args = pack.npxArgs('refmcp-filesystem', root);
      const server = await spawnStdio({ command: 'npx', args, env, cwd: pack.work });
      try {
        expect(server.client.getServerVersion()).toMatchObject({
          name: 'refmcp-filesystem',
          version: pkg.version,
        });
        const { tools } = await server.client.listTools();
        expect(tools.map((t) => t.name)).toContain('write_file');
        const out = await callTool(server.client, 'write_file', { path: 'hello.txt', content: 'hi\n' });
        expect(out.isError, out.text).toBe(false);
        expect(await readFile(path.join(root, 'hello.txt'), 'utf8')).toBe('hi\n');
      } finally {
        await server.close();
      }
    },
    TIMEOUT,
  );
});
