import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OptionSpec } from '../config.js';
import { commonOptions } from '../config.js';
import { serverJsonProblems } from './manifest.js';
import { type PackageJson, type PackedServer, packServer, strayPackageFiles } from './pack.js';
import { type SpawnedServer, spawnStdio } from './stdio.js';

const exec = promisify(execFile);

export interface PackageTestOptions {
  /** The server's folder (holding package.json and server.json). */
  dir: string;
  /** Its bin, e.g. `refmcp-sqlite`. */
  bin: string;
  /** The server's own options; server.json must document each one's environment variable. */
  options: Readonly<Record<string, OptionSpec>>;
  /** Environment variables holding secrets (tokens): server.json must mark them secret. */
  secretEnv?: readonly string[];
  /** Files the tarball must hold besides `dist/index.js`, server.json and README.md. */
  files?: readonly string[];
  /** The longest a pack, install or first run may take (a native build is slow). */
  timeoutMs?: number;
  /** Starts what the session needs (a fake API) and returns its environment and a stop function. */
  around?: () => Promise<{ env: Record<string, string>; stop(): Promise<void> }>;
  /** Arguments for the session, given the work folder (outside the workspace). */
  args?: (work: string) => Promise<string[]> | string[];
  /** What the real session must do; it fails the test by throwing. */
  session: (server: SpawnedServer, work: string) => Promise<void>;
}

/**
 * What a user gets from npm, for one server: server.json agrees with the package, and the packed
 * tarballs install outside the workspace and serve a real MCP session the way the README's
 * one-liner runs them. `REFMCP_SKIP_PACK_TEST` skips the packing half (it needs the registry).
 */
export function describePackage(options: PackageTestOptions): void {
  const timeout = options.timeoutMs ?? 120_000;
  const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T;

  describe('server.json (the MCP Registry entry)', () => {
    it('names this package and version, and documents every environment variable with its default', async () => {
      const read = {
        options: [...Object.values(options.options), commonOptions['log-level']],
        ...(options.secretEnv && { secretEnv: options.secretEnv }),
      };
      expect(await serverJsonProblems(options.dir, read)).toEqual([]);
    });
  });

  describe('the version (package.json is its one source)', () => {
    it('is what the built binary prints for --version and sends in the MCP handshake', async () => {
      const pkg = await readJson<PackageJson>(path.join(options.dir, 'package.json'));
      // 0.0.0 is the placeholder of a package nobody versioned; every server starts at 0.1.0 or later.
      expect(pkg.version).not.toBe('0.0.0');
      const bin = path.join(options.dir, pkg.bin?.[options.bin] ?? 'dist/index.js');
      const printed = await exec(process.execPath, [bin, '--version'], { env: { PATH: process.env.PATH } });
      expect(printed.stdout.trim()).toBe(pkg.version);
      const work = await mkdtemp(path.join(tmpdir(), 'refmcp-version-'));
      let around: Awaited<ReturnType<NonNullable<PackageTestOptions['around']>>> | undefined;
      let server: SpawnedServer | undefined;
      try {
        around = await options.around?.();
        const args = [bin, ...((await options.args?.(work)) ?? [])];
        server = await spawnStdio({ command: process.execPath, args, ...(around && { env: around.env }) });
        expect(server.client.getServerVersion()).toMatchObject({ name: options.bin, version: pkg.version });
      } finally {
        await server?.close();
        await around?.stop();
        await rm(work, { recursive: true, force: true });
      }
    });
  });

  const skip = Boolean(process.env.REFMCP_SKIP_PACK_TEST);
  if (skip)
    console.warn(`${options.bin}: skipping the pack-and-install test (REFMCP_SKIP_PACK_TEST is set).`);

  describe.skipIf(skip)('the packed package, installed with npx outside the workspace', () => {
    let pack: PackedServer;
    let around: { env: Record<string, string>; stop(): Promise<void> } | undefined;
    let pkg: PackageJson;

    beforeAll(async () => {
      // Both started at once; whichever succeeded is kept for afterAll even if the other failed.
      const [packed, started] = await Promise.allSettled([packServer(options.dir), options.around?.()]);
      if (packed.status === 'fulfilled') pack = packed.value;
      if (started.status === 'fulfilled') around = started.value;
      for (const result of [packed, started]) if (result.status === 'rejected') throw result.reason;
      pkg = await readJson<PackageJson>(path.join(options.dir, 'package.json'));
    }, timeout);

    afterAll(async () => {
      try {
        await around?.stop();
      } finally {
        await pack?.cleanup();
      }
    });

    it('depends on @refmcp/core by a semver range that accepts the packed core, and on no workspace', async () => {
      const core = await readJson<PackageJson>(path.join(options.dir, '../../packages/core/package.json'));
      const range = pack.packed.dependencies?.['@refmcp/core'];
      expect(range).toMatch(/^[\^~]?\d+\.\d+\.\d+(-[\w.]+)?$/);
      expect(range?.replace(/^[\^~]/, '')).toBe(core.version);
      const specs = [
        pack.packed.dependencies,
        pack.packed.peerDependencies,
        pack.packed.optionalDependencies,
      ];
      for (const [name, spec] of specs.flatMap((deps) => Object.entries(deps ?? {}))) {
        expect(spec, name).not.toMatch(/^(workspace|link|file):/);
      }
    });

    it('has one bin with a node shebang, engines and mcpName', async () => {
      expect(Object.keys(pack.packed.bin ?? {})).toEqual([options.bin]);
      const bin = path.normalize(pack.packed.bin?.[options.bin] ?? '');
      expect(pack.files).toContain(bin);
      const head = (await readFile(path.join(pack.unpacked, 'package', bin), 'utf8')).split('\n')[0];
      expect(head).toBe('#!/usr/bin/env node');
      expect(pack.packed.engines?.node).toBe(pkg.engines?.node);
      expect(pack.packed.mcpName).toBe(`io.github.refmcp/${pkg.name.replace(/^@refmcp\//, '')}`);
    });

    it('ships the build, server.json and README, and no tests or sources', () => {
      for (const file of ['dist/index.js', 'server.json', 'README.md', ...(options.files ?? [])]) {
        expect(pack.files).toContain(file);
      }
      expect(strayPackageFiles(pack.files)).toEqual([]);
      expect(pack.packed.files?.some((entry) => /^(\.\/)?src\b/.test(entry))).toBe(false);
    });

    it(
      'runs from the tarballs: --version, then a real MCP session over stdio',
      async () => {
        const env = { ...pack.npmEnv(), ...around?.env };
        const run = { cwd: pack.work, env, timeout };
        // The first run installs both tarballs and their dependencies from the registry, with
        // npm's warnings shown: on a Node the package supports, no dependency may say it does not.
        const install = { ...run, env: { ...env, npm_config_loglevel: 'warn' } };
        const version = await exec('npx', pack.npxArgs(options.bin, '--version'), install);
        expect(version.stdout.trim()).toBe(pkg.version);
        if (supportsThisNode(pkg.engines?.node)) {
          expect(version.stderr.split('\n').filter((line) => /EBADENGINE/.test(line))).toEqual([]);
        }
        const args = pack.npxArgs(options.bin, ...((await options.args?.(pack.work)) ?? []));
        const server = await spawnStdio({ command: 'npx', args, env, cwd: pack.work });
        try {
          expect(server.client.getServerVersion()).toMatchObject({ name: options.bin, version: pkg.version });
          await options.session(server, pack.work);
        } finally {
          await server.close();
        }
      },
      timeout,
    );
  });
}

/** Whether the running Node meets an engines range of the form `>=N` or `>=N.M` (ours). */
function supportsThisNode(range: string | undefined): boolean {
  const floor = /^>=\s*(\d+)(?:\.(\d+))?$/.exec(range ?? '');
  if (!floor) throw new Error(`engines.node is ${range}; this test reads only ">=N" or ">=N.M"`);
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const [floorMajor, floorMinor] = [Number(floor[1]), Number(floor[2] ?? 0)];
  return major > floorMajor || (major === floorMajor && minor >= floorMinor);
}
