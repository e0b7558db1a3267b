import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface PackageJson {
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

export interface PackedServer {
  /** A temp folder outside the workspace holding the tarballs. */
  work: string;
  coreTarball: string;
  serverTarball: string;
  /** package.json as it is inside the server tarball (workspace ranges replaced). */
  packed: PackageJson;
  /** Paths inside the server tarball, sorted. */
  files: string[];
  /** Where the server tarball was unpacked (`<unpacked>/package/...`). */
  unpacked: string;
  /** Environment for npm/npx runs: a private cache (a clean install), no prompts or nags. */
  npmEnv(): Record<string, string>;
  /** `npx` arguments that run `bin` from the two tarballs, as a user's one-liner would. */
  npxArgs(bin: string, ...args: string[]): string[];
  cleanup(): Promise<void>;
}

/**
 * Packs `@refmcp/core` and a server with `pnpm pack` into a temp folder outside the workspace, so a
 * test can check what npm users would get and run it from the tarballs. Core is packed too because
 * it is not on the registry while both are unreleased.
 */
export async function packServer(serverDir: string): Promise<PackedServer> {
  const repoRoot = path.resolve(serverDir, '../..');
  const coreDir = path.join(repoRoot, 'packages/core');
  for (const dir of [serverDir, coreDir]) {
    await access(path.join(dir, 'dist/index.js')).catch(() => {
      throw new Error(`${dir}/dist is missing: build first (pnpm test builds before testing).`);
    });
  }
  const work = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-pack-')));
  if (!path.relative(repoRoot, work).startsWith('..')) {
    throw new Error(`The temp dir ${work} is inside the workspace; set TMPDIR elsewhere.`);
  }
  const cleanup = () => rm(work, { recursive: true, force: true });
  const pack = async (dir: string) => {
    const { stdout } = await exec('pnpm', ['pack', '--json', '--pack-destination', work], { cwd: dir });
    return JSON.parse(stdout) as { filename: string; files: Array<{ path: string }> };
  };
  const unpacked = path.join(work, 'unpacked');
  let core: Awaited<ReturnType<typeof pack>>;
  let server: Awaited<ReturnType<typeof pack>>;
  let packed: PackageJson;
  try {
    [core, server] = await Promise.all([pack(coreDir), pack(serverDir)]);
    await mkdir(unpacked);
    await exec('tar', ['-xzf', server.filename, '-C', unpacked]);
    packed = JSON.parse(await readFile(path.join(unpacked, 'package/package.json'), 'utf8')) as PackageJson;
  } catch (error) {
    // Nobody gets a cleanup function from a pack that failed: remove its folder here.
    await cleanup();
    throw error;
  }

  return {
    work,
    coreTarball: core.filename,
    serverTarball: server.filename,
    packed,
    files: server.files.map((f) => f.path).sort(),
    unpacked,
    npmEnv() {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) {
        // Drop what pnpm and npm put in the environment of scripts; keep a configured registry,
        // and the headers native addons compile against when that is not the Node on PATH.
        if (value !== undefined && !/^npm_(?!config_(registry|nodedir)$)/i.test(key)) env[key] = value;
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
    },
    npxArgs: (bin, ...args) => ['-y', '-p', core.filename, '-p', server.filename, bin, ...args],
    cleanup,
  };
}

/** Files in a server tarball that should not be there: sources, tests, test support, build info. */
export function strayPackageFiles(files: readonly string[]): string[] {
  return files.filter(
    (file) =>
      !/^(dist\/|bin\/|examples\/|package\.json$|server\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(
        file,
      ) ||
      /\.test\.|test-helpers|test-support|\.tsbuildinfo$/.test(file) ||
      (file.endsWith('.ts') && !file.endsWith('.d.ts')),
  );
}
