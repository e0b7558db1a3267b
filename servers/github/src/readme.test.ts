import { readFile, writeFile } from 'node:fs/promises';
import { connectInProcess, renderToolReference, replaceToolReference } from '@refmcp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from './app.js';
import { quietLogger, testConfig } from './test-helpers.js';

const README = new URL('../README.md', import.meta.url);

// The tool reference in the README is generated from tools/list; `pnpm tool-docs` rewrites it.
it('README tool reference matches tools/list', async () => {
  const app = createApp(testConfig('http://127.0.0.1:9'), { logger: quietLogger() });
  const client = await connectInProcess(app);
  const { tools } = await client.listTools();
  await client.close();
  await app.close();
  const readme = await readFile(README, 'utf8');
  const expected = replaceToolReference(readme, renderToolReference(tools));
  if (process.env.UPDATE_DOCS) await writeFile(README, expected);
  else expect(readme, 'README is stale: run `pnpm tool-docs`').toBe(expected);
});
