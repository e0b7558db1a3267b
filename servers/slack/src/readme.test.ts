import { readFile, writeFile } from 'node:fs/promises';
import { renderToolReference, replaceToolReference } from '@refmcp/core/testing';
import { expect, it } from 'vitest';
import { allWrites, connect, userToken } from './test-helpers.js';

const README = new URL('../README.md', import.meta.url);

// The tool reference in the README is generated from tools/list; `pnpm tool-docs` rewrites it.
it('README tool reference matches tools/list with every tool enabled', async () => {
  const h = await connect('legacy', { ...userToken, ...allWrites });
  const { tools } = await h.client.listTools();
  await h.close();
  const readme = await readFile(README, 'utf8');
  const expected = replaceToolReference(readme, renderToolReference(tools));
  if (process.env.UPDATE_DOCS) await writeFile(README, expected);
  else expect(readme, 'README is stale: run `pnpm tool-docs`').toBe(expected);
});
