/**
 * One bundle from the built server: stage it, optionally record its tools in the manifest, then
 * `mcpb validate` and `mcpb pack`.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO } from '../bundles.mjs';
import { FIXTURES } from './fixtures.mjs';
import { launchBundle, listedTools } from './launch.mjs';
import { manifestProblems } from './manifest-checks.mjs';
import { pack, validate } from './mcpb-cli.mjs';
import { bundleFileName, placeManifest, stageBundle } from './stage.mjs';

const exec = promisify(execFile);

/**
 * The tools the server offers with every setting that adds tools turned on (the fixture's `full`),
 * started from the staged bundle: the list the manifest must carry.
 */
export async function toolsOfBundle(bundle, dir) {
  const fixture = await FIXTURES[bundle.name]();
  try {
    const { server } = await launchBundle(dir, fixture.full);
    try {
      return await listedTools(server.client);
    } finally {
      await server.close();
    }
  } finally {
    await fixture.close();
  }
}

/** Replaces the tools in the repository's manifest, formatted as the repository formats JSON. */
async function writeTools(bundle, tools) {
  const manifest = JSON.parse(await readFile(bundle.manifest, 'utf8'));
  manifest.tools = tools;
  await writeFile(bundle.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  await exec(path.join(REPO, 'node_modules/.bin/biome'), ['format', '--write', bundle.manifest], {
    cwd: REPO,
  });
}

/**
 * Builds `<outDir>/<name>-<version>[-<platform>-<arch>-node<major>].mcpb` from the built server in
 * `stagingRoot/<name>`. With `updateTools`, the repository's manifest first gets the tools the
 * staged server lists.
 */
export async function buildBundle(bundle, { outDir, stagingRoot, updateTools = false }) {
  const stagingDir = path.join(stagingRoot, bundle.name);
  let { pkg, manifest } = await stageBundle(bundle, stagingDir);
  const serverJson = JSON.parse(await readFile(path.join(bundle.dir, 'server.json'), 'utf8'));
  const problems = manifestProblems({ manifest, pkg, serverJson });
  if (problems.length > 0) throw new Error(`${bundle.manifest}:\n  ${problems.join('\n  ')}`);
  if (updateTools) {
    await writeTools(bundle, await toolsOfBundle(bundle, stagingDir));
    manifest = await placeManifest(bundle, stagingDir);
  }
  await validate(path.join(stagingDir, 'manifest.json'));
  const file = path.join(outDir, bundleFileName(bundle, manifest));
  await pack(stagingDir, file);
  return { bundle, file, manifest, stagingDir };
}
