/**
 * A bundle's folder before it is zipped: the server package as npm would publish it (its `files`),
 * its production dependencies, the manifest and the icon.
 */
import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

// What a bundle never needs at run time. mcpb itself leaves out maps, .d.ts files and
// node_modules/.bin. Besides: TypeScript sources and declarations that dependencies ship (Node
// runs none inside node_modules; ~5 of a bundle's ~12 MB unpacked), pnpm's bookkeeping, and
// better-sqlite3's build leftovers (objects, the static SQLite library, its sources, a test
// extension: ~16 MB).
const IGNORE = [
  '*.ts',
  '*.cts',
  '*.mts',
  'pnpm-lock.yaml',
  'node_modules/.modules.yaml',
  'node_modules/.pnpm',
  'node_modules/.pnpm-workspace-state-v1.json',
  'node_modules/better-sqlite3/build/*',
  '!node_modules/better-sqlite3/build/Release',
  'node_modules/better-sqlite3/build/Release/*',
  '!node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  'node_modules/better-sqlite3/deps',
  'node_modules/better-sqlite3/src',
];

/** The semver range of Node versions a bundle built here runs on. */
export function nodeRange(bundle, manifest, version = process.versions.node) {
  const declared = manifest.compatibility?.runtimes?.node ?? '>=0.0.0';
  if (!bundle.native) return declared;
  const major = Number(version.split('.')[0]);
  // The addon's ABI changes with every Node major: keep the declared floor if it is in this major.
  const floor = declared.match(/^>=(\d+)\.(\d+)\.(\d+)$/);
  const from = floor && Number(floor[1]) === major ? floor.slice(1).join('.') : `${major}.0.0`;
  return `>=${from} <${major + 1}.0.0`;
}

/** The manifest as the bundle carries it: a native bundle names the one platform and Node major it fits. */
export function bundledManifest(bundle, manifest) {
  if (!bundle.native) return manifest;
  return {
    ...manifest,
    compatibility: {
      ...manifest.compatibility,
      platforms: [process.platform],
      runtimes: { ...manifest.compatibility?.runtimes, node: nodeRange(bundle, manifest) },
    },
  };
}

/** The .mcpb file name: a native bundle's names its platform, CPU and Node major. */
export function bundleFileName(bundle, manifest) {
  const suffix = bundle.native
    ? `-${process.platform}-${process.arch}-node${process.versions.node.split('.')[0]}`
    : '';
  return `${manifest.name}-${manifest.version}${suffix}.mcpb`;
}

/**
 * Fills `stagingDir` (absent or empty) for one bundle. `pnpm deploy` copies the package's published
 * files and installs its production dependencies at the versions of the workspace lockfile, from
 * the store `pnpm install` filled: @refmcp/core is the workspace build, and better-sqlite3 is the
 * binary `pnpm install` compiled (pnpm's side-effects cache), not a second 45 s compile. Flags:
 * - `inject-workspace-packages=true`, for this command only: pnpm 10 deploys from the lockfile only
 *   with it; the workspace keeps its linked packages, so builds stay live. (`--legacy` instead
 *   ignores the lockfile and resolves every version again: slower, and not what we tested.)
 * - `node-linker=hoisted`: a flat node_modules of real folders, as npm makes. pnpm's symlinked
 *   layout would be zipped as copies (mcpb follows links) and lose the links' module resolution.
 * - `--offline`: everything is in the store already; a miss is an error, never a download.
 */
export async function stageBundle(bundle, stagingDir) {
  const pkg = JSON.parse(await readFile(path.join(bundle.dir, 'package.json'), 'utf8'));
  await exec(
    'pnpm',
    [
      '--filter',
      pkg.name,
      '--config.inject-workspace-packages=true',
      '--config.node-linker=hoisted',
      'deploy',
      '--prod',
      '--offline',
      stagingDir,
    ],
    { cwd: bundle.dir, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error) => {
    const hint = error.code === 'ENOENT' ? ' (pnpm is not on PATH: run this through pnpm)' : '';
    throw new Error(`pnpm deploy of ${pkg.name} failed${hint}: ${error.stderr || error.message}`);
  });
  return { pkg, manifest: await placeManifest(bundle, stagingDir) };
}

/** Writes the repository's manifest (as the bundle carries it), the icon and .mcpbignore into `stagingDir`. */
export async function placeManifest(bundle, stagingDir) {
  const manifest = bundledManifest(bundle, JSON.parse(await readFile(bundle.manifest, 'utf8')));
  await writeFile(path.join(stagingDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await copyFile(bundle.icon, path.join(stagingDir, manifest.icon));
  await writeFile(path.join(stagingDir, '.mcpbignore'), `${IGNORE.join('\n')}\n`);
  return manifest;
}
