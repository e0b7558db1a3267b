import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tarballProblems } from './tarballs.mjs';

let root;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'refmcp-tarball-test-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const pkg = {
  name: '@refmcp/server-x',
  version: '1.2.0',
  mcpName: 'io.github.refmcp/server-x',
  dependencies: { '@refmcp/core': '^0.3.0' },
};
const serverJson = { name: pkg.mcpName, version: '1.2.0', packages: [{ version: '1.2.0' }] };

/** Writes the files into the unpacked package and returns their paths, as inspectPublished lists them. */
async function unpacked(files) {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return Object.keys(files).sort();
}

const clean = {
  'package.json': pkg,
  'server.json': serverJson,
  'README.md': '# x',
  'dist/index.js': 'export {};\n//# sourceMappingURL=index.js.map\n',
  'dist/index.js.map': {
    version: 3,
    sources: ['../src/index.ts'],
    sourcesContent: ['export {};'],
    mappings: '',
  },
  'dist/index.d.ts': 'export {};\n',
};

describe('tarballProblems', () => {
  it('passes a package of builds, maps that carry their sources, a README and server.json', async () => {
    expect(await tarballProblems(root, await unpacked(clean))).toEqual([]);
  });

  it('flags tests, fixtures, sources and build info', async () => {
    const files = await unpacked({
      ...clean,
      'dist/tools/x.test.js': '',
      'dist/fixtures/repo.json': '{}',
      'src/index.ts': '',
      'tsconfig.tsbuildinfo': '{}',
    });
    const problems = await tarballProblems(root, files);
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'dist/fixtures/repo.json',
      'dist/tools/x.test.js',
      'src/index.ts',
      'tsconfig.tsbuildinfo',
    ]);
  });

  it('flags a source map whose sources are neither shipped nor embedded, and a comment naming a missing map', async () => {
    const files = await unpacked({
      ...clean,
      'dist/index.js.map': { version: 3, sources: ['../src/index.ts'], mappings: '' },
      'dist/app.js': 'export {};\n//# sourceMappingURL=app.js.map',
    });
    expect(await tarballProblems(root, files)).toEqual([
      'dist/app.js points at dist/app.js.map, which is not in the tarball',
      'dist/index.js.map maps to src/index.ts, which is not in the tarball (and has no sourcesContent)',
    ]);
  });

  it('flags workspace dependency specs and a server.json left at the old version', async () => {
    const files = await unpacked({
      ...clean,
      'package.json': { ...pkg, dependencies: { '@refmcp/core': 'workspace:^' } },
      'server.json': { ...serverJson, packages: [{ version: '1.1.0' }] },
    });
    expect(await tarballProblems(root, files)).toEqual([
      'dependencies.@refmcp/core is "workspace:^"',
      'server.json says 1.2.0, 1.1.0, the package is 1.2.0',
    ]);
  });
});
