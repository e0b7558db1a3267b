import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { commonOptions } from '@refmcp/core';
import { callTool, spawnStdio } from '@refmcp/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { options } from './config.js';

/**
 * What a user gets from npm: the package is packed, installed from the tarballs in a folder
 * outside the workspace, and run the way the README's one-liner runs it. A file missing from
 * `files`, a `workspace:` range left in, or a bin without its shebang fails here, not for a user.
 */

const exec = promisify(execFile);
const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const CORE_DIR = path.resolve(SERVER_DIR, '../../packages/core');
const REPO_ROOT = path.resolve(SERVER_DIR, '../..');
const TIMEOUT = 120_000;

interface PackageJson {
  name: string;
  version: string;
  mcpName?: string;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

interface ServerJson {
  $schema: string;
  name: string;
  description: string;
  version: string;
  repository: { url: string; source: string; subfolder: string };
  packages: Array<{
    registryType: string;
    identifier: string;
    version: string;
    transport: { type: string };
    packageArguments: Array<{ type: string; isRepeated?: boolean }>;
    environmentVariables: Array<{ name: string; description: string; default?: string }>;
  }>;
}

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await readFile(file, 'utf8')) as T;

describe('server.json (the MCP Registry entry)', () => {
  it('names the same server, package and version as package.json', async () => {
    const pkg = await readJson<PackageJson>(path.join(SERVER_DIR, 'package.json'));
    const manifest = await readJson<ServerJson>(path.join(SERVER_DIR, 'server.json'));
    expect(manifest.$schema).toBe(
      'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
    );
    expect(manifest.name).toBe(pkg.mcpName);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.repository.subfolder).toBe('servers/filesystem');
    expect(manifest.packages).toHaveLength(1);
    expect(manifest.packages[0]).toMatchObject({
      registryType: 'npm',
      identifier: pkg.name,
      version: pkg.version,
      transport: { type: 'stdio' },
    });
    // The registry rejects longer descriptions.
    expect(manifest.description.length).toBeLessThanOrEqual(100);
  });

  it('documents every environment variable the server reads, with its default', async () => {
    const manifest = await readJson<ServerJson>(path.join(SERVER_DIR, 'server.json'));
    const documented = new Map(manifest.packages[0]?.environmentVariables.map((v) => [v.name, v]));
    const read = [...Object.values(options), commonOptions['log-level']];
    expect([...documented.keys()].sort()).toEqual(read.map((o) => o.env).sort());
    for (const option of read) {
      const entry = documented.get(option.env);
      expect(entry?.description, option.env).toBeTruthy();
      const fallback =
        'default' in option ? String(option.default) : option.type === 'boolean' ? 'false' : undefined;
      expect(entry?.default, option.env).toBe(fallback);
    }
  });
});

const skip = Boolean(process.env.REFMCP_SKIP_PACK_TEST);
if (skip)
  console.warn('package.test.ts: skipping the pack-and-install test because REFMCP_SKIP_PACK_TEST is set.');

describe.skipIf(skip)('the packed package, installed with npx outside the workspace', () => {
  let work: string;
  let coreTgz: string;
  let serverTgz: string;
  let packedFiles: string[];
  let packed: PackageJson;
  let unpacked: string;
  let pkg: PackageJson;
  let coreVersion: string;

  /** npm settings for the runs below: a private cache (a clean install), no prompts or nags. */
  const npmEnv = (): Record<string, string> => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      // Drop what pnpm and npm put in the environment of scripts; keep a configured registry.
      if (value !== undefined && !/^npm_(?!config_registry$)/i.test(key)) env[key] = value;
    }
    return {
      ...env,
      npm_config_cache: path.join(work, 'npm-cache'),
      npm_config_yes: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_loglevel: 'error',
    };
  };

  /** The README's one-liner, with the core tarball added: it is not on the registry. */
  const npxArgs = (...args: string[]) => ['-y', '-p', coreTgz, '-p', serverTgz, 'refmcp-filesystem', ...args];

  beforeAll(async () => {
    pkg = await readJson<PackageJson>(path.join(SERVER_DIR, 'package.json'));
    coreVersion = (await readJson<PackageJson>(path.join(CORE_DIR, 'package.json'))).version;
    for (const dir of [SERVER_DIR, CORE_DIR]) {
      await access(path.join(dir, 'dist/index.js')).catch(() => {
        throw new Error(`${dir}/dist is missing: build first (pnpm test builds before testing).`);
      });
    }
    work = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-pack-')));
    if (!path.relative(REPO_ROOT, work).startsWith('..')) {
      throw new Error(`The temp dir ${work} is inside the workspace; set TMPDIR elsewhere.`);
    }
    const pack = async (dir: string) => {
      const { stdout } = await exec('pnpm', ['pack', '--json', '--pack-destination', work], { cwd: dir });
      return JSON.parse(stdout) as { filename: string; files: Array<{ path: string }> };
    };
    const [core, server] = await Promise.all([pack(CORE_DIR), pack(SERVER_DIR)]);
    coreTgz = core.filename;
    serverTgz = server.filename;
    packedFiles = server.files.map((f) => f.path).sort();
    unpacked = path.join(work, 'unpacked');
    await mkdir(unpacked);
    await exec('tar', ['-xzf', serverTgz, '-C', unpacked]);
    packed = await readJson<PackageJson>(path.join(unpacked, 'package/package.json'));
  }, TIMEOUT);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('depends on @refmcp/core by a real semver range that accepts the packed core', () => {
    const range = packed.dependencies?.['@refmcp/core'];
    expect(range).toMatch(/^[\^~]?\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(range?.replace(/^[\^~]/, '')).toBe(coreVersion);
    const specs = [packed.dependencies, packed.peerDependencies, packed.optionalDependencies].flatMap(
      (deps) => Object.entries(deps ?? {}),
    );
    for (const [name, spec] of specs) expect(spec, name).not.toMatch(/^(workspace|link|file):/);
  });

  it('has a bin with a node shebang, engines and mcpName', async () => {
    expect(Object.keys(packed.bin ?? {})).toEqual(['refmcp-filesystem']);
    const bin = path.normalize(packed.bin?.['refmcp-filesystem'] ?? '');
    expect(packedFiles).toContain(bin);
    const head = (await readFile(path.join(unpacked, 'package', bin), 'utf8')).split('\n')[0];
    expect(head).toBe('#!/usr/bin/env node');
    expect(packed.engines?.node).toBe(pkg.engines?.node);
    expect(packed.mcpName).toBe('io.github.refmcp/server-filesystem');
  });

  it('ships the build, server.json and package.json, and no tests or sources', async () => {
    expect(packedFiles).toContain('dist/index.js');
    expect(packedFiles).toContain('dist/server.js');
    expect(packedFiles).toContain('server.json');
    const readme = await access(path.join(SERVER_DIR, 'README.md')).then(
      () => true,
      () => false,
    );
    if (readme) expect(packedFiles).toContain('README.md');
    const stray = packedFiles.filter(
      (file) =>
        !/^(dist\/|package\.json$|server\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(file) ||
        /\.test\.|test-helpers|test-support|\.tsbuildinfo$/.test(file) ||
        (file.endsWith('.ts') && !file.endsWith('.d.ts')),
    );
    expect(stray).toEqual([]);
    expect(packed.files?.some((entry) => /^(\.\/)?src\b/.test(entry))).toBe(false);
  });

  it(
    'runs from the tarballs: --version, then a real MCP session over stdio',
    async () => {
      const env = npmEnv();
      // The first run installs both tarballs and their dependencies from the registry.
      const version = await exec('npx', npxArgs('--version'), { cwd: work, env, timeout: TIMEOUT });
      expect(version.stdout.trim()).toBe(pkg.version);

      const root = path.join(work, 'files');
      await mkdir(root);
      const server = await spawnStdio({ command: 'npx', args: npxArgs(root), env, cwd: work });
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
