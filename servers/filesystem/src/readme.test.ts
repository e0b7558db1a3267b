import { readFile, writeFile } from 'node:fs/promises';
import { createLogger } from '@refmcp/core';
import { connectInProcess, renderToolReference, replaceToolReference } from '@refmcp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from './app.js';
import { MiB } from './config.js';
import { testConfig } from './test-helpers.js';

const README = new URL('../README.md', import.meta.url);

// The tool reference in the README is generated from tools/list; `pnpm tool-docs` rewrites it.
it('README tool reference matches tools/list', async () => {
  const app = createApp(
    testConfig({ allowedDirectories: [], readOnly: false, maxFileSize: 50 * MiB, maxReadBytes: 256 * 1024 }),
    { logger: createLogger({ name: 'docs', level: 'silent' }) },
  );
  const client = await connectInProcess(app);
  const { tools } = await client.listTools();
  await client.close();
  const readme = await readFile(README, 'utf8');
  const expected = replaceToolReference(readme, renderToolReference(tools));
  if (process.env.UPDATE_DOCS) await writeFile(README, expected);
  else expect(readme, 'README is stale: run `pnpm tool-docs`').toBe(expected);
});
