import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { callTool, describePackage } from '@refmcp/core/testing';
import { expect } from 'vitest';
import { options } from './config.js';

describePackage({
  dir: fileURLToPath(new URL('..', import.meta.url)),
  bin: 'refmcp-filesystem',
  options,
  // The library entry ("exports") ships too.
  files: ['dist/app.js'],
  args: async (work) => {
    const root = path.join(work, 'files');
    await mkdir(root);
    return [root];
  },
  session: async ({ client }, work) => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('write_file');
    const out = await callTool(client, 'write_file', { path: 'hello.txt', content: 'hi\n' });
    expect(out.isError, out.text).toBe(false);
    expect(await readFile(path.join(work, 'files', 'hello.txt'), 'utf8')).toBe('hi\n');
  },
});
