import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OptionSpec } from '../config.js';
import { SERVER_SCHEMA_URL, serverJsonProblems } from './manifest.js';

const options: OptionSpec[] = [
  { type: 'boolean', description: 'No writes.', env: 'DEMO_READ_ONLY' },
  { type: 'integer', description: 'Cap.', env: 'DEMO_MAX', default: 10 },
];

const good = {
  $schema: SERVER_SCHEMA_URL,
  name: 'io.github.refmcp/server-demo',
  description: 'A demo.',
  version: '1.2.3',
  repository: { url: 'https://example.invalid', source: 'github', subfolder: 'servers/demo' },
  packages: [
    {
      registryType: 'npm',
      identifier: '@refmcp/server-demo',
      version: '1.2.3',
      transport: { type: 'stdio' },
      environmentVariables: [
        { name: 'DEMO_READ_ONLY', description: 'No writes.', default: 'false' },
        { name: 'DEMO_MAX', description: 'Cap.', default: '10' },
        { name: 'DEMO_TOKEN', description: 'Token.', isSecret: true },
      ],
    },
  ],
};

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function serverDir(manifest: unknown): Promise<string> {
  root = await mkdtemp(path.join(tmpdir(), 'refmcp-manifest-'));
  const dir = path.join(root, 'servers/demo');
  await mkdir(dir, { recursive: true });
  const pkg = { name: '@refmcp/server-demo', version: '1.2.3', mcpName: 'io.github.refmcp/server-demo' };
  await writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg));
  await writeFile(path.join(dir, 'server.json'), JSON.stringify(manifest));
  return dir;
}

describe('serverJsonProblems', () => {
  it('accepts a manifest that matches the package and the options', async () => {
    expect(await serverJsonProblems(await serverDir(good), { options, secretEnv: ['DEMO_TOKEN'] })).toEqual(
      [],
    );
  });

  it('names each kind of drift', async () => {
    const [entry] = good.packages;
    const drifted = {
      ...good,
      version: '1.2.2',
      packages: [
        {
          ...entry,
          environmentVariables: [
            { name: 'DEMO_MAX', description: 'Cap.', default: '20' },
            { name: 'DEMO_OLD', description: 'Gone.' },
            { name: 'DEMO_TOKEN', description: 'Token.' },
          ],
        },
      ],
    };
    const problems = await serverJsonProblems(await serverDir(drifted), {
      options,
      secretEnv: ['DEMO_TOKEN'],
    });
    expect(problems).toEqual([
      'version 1.2.2 differs from package.json 1.2.3',
      'DEMO_OLD is documented but not read',
      'DEMO_READ_ONLY is read but not documented',
      'DEMO_MAX default is 20, the server uses 10',
      'DEMO_TOKEN is not marked isSecret',
    ]);
  });
});
