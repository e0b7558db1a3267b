import { fileURLToPath } from 'node:url';
import { commonOptions } from '@refmcp/core';
import { serverJsonProblems } from '@refmcp/core/testing';
import { describe, expect, it } from 'vitest';
import { options } from './config.js';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('server.json (the MCP Registry entry)', () => {
  it('names this package and version, and documents every environment variable with its default', async () => {
    const read = { options: [...Object.values(options), commonOptions['log-level']] };
    expect(await serverJsonProblems(SERVER_DIR, read)).toEqual([]);
  });
});
