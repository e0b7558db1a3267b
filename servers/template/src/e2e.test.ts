import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { callTool, runBin, spawnStdio, type TestEra } from '@refmcp/core/testing';
import { describe, expect, it } from 'vitest';

/** The built binary, as `npx` would run it. `pnpm test` builds first. */
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe.each(['legacy', 'modern'] as const)('the built binary over stdio (%s era)', (era: TestEra) => {
  it('lists its tools and takes its limit from the environment', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN],
      env: { TEMPLATE_MAX_TEXT_LENGTH: '10' },
      era,
    });
    try {
      expect(server.client.getServerVersion()).toMatchObject({
        name: 'refmcp-template',
        version: pkg.version,
      });
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name)).toEqual(['echo', 'word_count']);
      expect(await callTool(server.client, 'word_count', { text: 'short' })).toMatchObject({
        isError: false,
        structured: { words: 1 },
      });
      const tooLong = await callTool(server.client, 'word_count', { text: 'this is too long' });
      expect(tooLong.text).toContain('the limit is 10');
      // stdout carries JSON-RPC only; logs go to stderr.
      expect(server.stderr()).toContain('serving stdio');
    } finally {
      await server.close();
    }
  });
});

describe('command line', () => {
  it('prints the version', async () => {
    expect(await runBin(BIN, ['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('exits 2 with one clear line for a bad option value', async () => {
    const out = await runBin(BIN, [], { TEMPLATE_MAX_TEXT_LENGTH: 'lots' });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(
      'refmcp-template: TEMPLATE_MAX_TEXT_LENGTH must be a whole number, got "lots".',
    );
  });
});
