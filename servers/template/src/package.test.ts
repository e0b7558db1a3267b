import { fileURLToPath } from 'node:url';
import { callTool, describePackage } from '@refmcp/core/testing';
import { expect } from 'vitest';
import { options } from './config.js';

describePackage({
  dir: fileURLToPath(new URL('..', import.meta.url)),
  bin: 'refmcp-template',
  options,
  session: async ({ client }) => {
    const out = await callTool(client, 'word_count', { text: 'packed and running' });
    expect(out.structured).toMatchObject({ words: 3 });
  },
});
