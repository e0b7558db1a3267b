/**
 * Every bundle, built from the servers' builds as `pnpm mcpb` builds it, then installed the way
 * Claude Desktop installs one: unpacked by mcpb's own code into a folder outside the workspace,
 * started with the manifest's command line and the settings substituted, and used over stdio.
 */
import { mkdir, mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unpackExtension } from '@anthropic-ai/mcpb';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLES, REPO } from './bundles.mjs';
import { buildBundle } from './lib/build.mjs';
import { FIXTURES } from './lib/fixtures.mjs';
import { drawIcon, ICON_SIZE } from './lib/icon.mjs';
import { launchBundle, listedTools } from './lib/launch.mjs';
import { manifestProblems } from './lib/manifest-checks.mjs';
import { validate } from './lib/mcpb-cli.mjs';
import { nodeRange } from './lib/stage.mjs';

const { PNG } = pngjs;
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));

let work;
/** @type {Map<string, Awaited<ReturnType<typeof buildBundle>>>} */
const built = new Map();

beforeAll(async () => {
  work = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-mcpb-test-')));
  if (!path.relative(REPO, work).startsWith('..')) {
    throw new Error(`The temp dir ${work} is inside the workspace; set TMPDIR elsewhere.`);
  }
  const options = { outDir: path.join(work, 'out'), stagingRoot: path.join(work, 'staging') };
  // Two at a time: packing is CPU-bound and CI has two cores.
  const queue = [...BUNDLES];
  const worker = async () => {
    for (let bundle = queue.shift(); bundle; bundle = queue.shift()) {
      built.set(bundle.name, await buildBundle(bundle, options));
    }
  };
  await Promise.all([worker(), worker()]);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.each(BUNDLES)('the $name bundle', (bundle) => {
  let installed;
  let fixture;

  beforeAll(async () => {
    installed = path.join(work, 'installed', bundle.name);
    await mkdir(installed, { recursive: true });
    expect(
      await unpackExtension({ mcpbPath: built.get(bundle.name).file, outputDir: installed, silent: true }),
    ).toBe(true);
    fixture = await FIXTURES[bundle.name]();
  });

  afterAll(async () => {
    await fixture?.close();
  });

  it('keeps its manifest in step with the package and server.json, with the icon icons.mjs draws', async () => {
    const manifest = await readJson(bundle.manifest);
    const pkg = await readJson(path.join(bundle.dir, 'package.json'));
    const serverJson = await readJson(path.join(bundle.dir, 'server.json'));
    expect(manifestProblems({ manifest, pkg, serverJson })).toEqual([]);
    // Pixels, not bytes: another zlib may compress the same image differently.
    const icon = PNG.sync.read(await readFile(bundle.icon));
    expect([icon.width, icon.height]).toEqual([ICON_SIZE, ICON_SIZE]);
    expect(icon.data.equals(PNG.sync.read(drawIcon(bundle.name)).data)).toBe(true);
  });

  it('unpacks to what mcpb validate accepts: the built package, its dependencies, the manifest and icon', async () => {
    await validate(path.join(installed, 'manifest.json'));
    const manifest = await readJson(path.join(installed, 'manifest.json'));
    const repoManifest = await readJson(bundle.manifest);
    expect(manifest.tools).toEqual(repoManifest.tools);
    expect((await readFile(path.join(installed, 'icon.png'))).equals(await readFile(bundle.icon))).toBe(true);
    const pkg = await readJson(path.join(installed, 'package.json'));
    expect(pkg.version).toBe(manifest.version);
    for (const dependency of Object.keys(pkg.dependencies)) {
      await expect(
        readJson(path.join(installed, 'node_modules', dependency, 'package.json')),
      ).resolves.toBeTruthy();
    }
    if (bundle.native) {
      // The addon fits one platform and Node major: the manifest says which.
      expect(manifest.compatibility.platforms).toEqual([process.platform]);
      expect(manifest.compatibility.runtimes.node).toBe(nodeRange(bundle, repoManifest));
      expect(built.get(bundle.name).file).toContain(`-${process.platform}-${process.arch}-node`);
    } else {
      expect(manifest.compatibility).toEqual(repoManifest.compatibility);
    }
  });

  it('runs as Claude Desktop starts it: lists exactly the manifest tools and answers a real call', async () => {
    const { manifest, config, server } = await launchBundle(installed, fixture.full);
    try {
      expect(config.args?.[0]).toBe(path.join(installed, manifest.server.entry_point));
      expect(server.client.getServerVersion()?.version).toBe(manifest.version);
      // The manifest's tools are generated from this list: `pnpm tool-docs` rewrites them.
      expect(await listedTools(server.client), 'stale: run pnpm tool-docs').toEqual(manifest.tools);
      const result = await server.client.callTool({ name: fixture.call.tool, arguments: fixture.call.args });
      expect(fixture.call.check(result)).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('starts with only the required settings, offering the default tools', async () => {
    const { manifest, server } = await launchBundle(installed, fixture.minimal);
    try {
      const names = (await listedTools(server.client)).map((tool) => tool.name);
      const all = manifest.tools.map((tool) => tool.name);
      expect(names.length).toBeGreaterThan(0);
      expect(all).toEqual(expect.arrayContaining(names));
      for (const name of fixture.offByDefault) {
        expect(all).toContain(name);
        expect(names).not.toContain(name);
      }
    } finally {
      await server.close();
    }
  });
});
