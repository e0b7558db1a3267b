import { readFile } from 'node:fs/promises';
import { commonOptions } from '@refmcp/core';
import { describe, expect, it } from 'vitest';
import { options } from './config.js';

interface PackageJson {
  name: string;
  version: string;
  mcpName: string;
}

interface ServerJson {
  name: string;
  version: string;
  description: string;
  packages: Array<{ identifier: string; version: string; environmentVariables: Array<{ name: string }> }>;
}

const readJson = async <T>(file: string): Promise<T> =>
  JSON.parse(await readFile(new URL(`../${file}`, import.meta.url), 'utf8')) as T;

describe('server.json (the MCP Registry entry)', () => {
  it('names the same server, package and version as package.json', async () => {
    const pkg = await readJson<PackageJson>('package.json');
    const manifest = await readJson<ServerJson>('server.json');
    expect(manifest.name).toBe(pkg.mcpName);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.packages).toMatchObject([{ identifier: pkg.name, version: pkg.version }]);
    expect(manifest.description.length).toBeLessThanOrEqual(100);
  });

  it('documents every environment variable the server reads', async () => {
    const manifest = await readJson<ServerJson>('server.json');
    const documented = manifest.packages[0]?.environmentVariables.map((v) => v.name);
    const read = [...Object.values(options), commonOptions['log-level']].map((o) => o.env);
    expect(documented?.sort()).toEqual(read.sort());
  });
});
