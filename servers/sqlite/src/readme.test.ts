import { readFile, writeFile } from 'node:fs/promises';
import type { Client } from '@modelcontextprotocol/client';
import { createLogger } from '@refmcp/core';
import { connectInProcess, renderToolReference, replaceToolReference } from '@refmcp/core/testing';
import { expect, it } from 'vitest';
import { createApp } from './app.js';
import { makeDatabase, testConfig } from './test-helpers.js';

const README = new URL('../README.md', import.meta.url);

// The tool reference in the README is generated from tools/list; `pnpm tool-docs` rewrites it.
it('README tool reference matches tools/list', async () => {
  const db = makeDatabase(null);
  let tools: Awaited<ReturnType<Client['listTools']>>['tools'];
  try {
    const app = createApp(testConfig(db.file, { ioDirectories: [db.dir] }), {
      logger: createLogger({ name: 'docs', level: 'silent' }),
    });
    try {
      const client = await connectInProcess(app);
      tools = (await client.listTools()).tools;
      await client.close();
    } finally {
      await app.close();
    }
  } finally {
    db.cleanup();
  }
  const readme = await readFile(README, 'utf8');
  const expected = replaceToolReference(readme, renderToolReference(tools));
  if (process.env.UPDATE_DOCS) await writeFile(README, expected);
  else expect(readme, 'README is stale: run `pnpm tool-docs`').toBe(expected);
});
