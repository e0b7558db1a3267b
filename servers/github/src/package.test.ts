import { fileURLToPath } from 'node:url';
import { callTool, describePackage } from '@refmcp/core/testing';
import { seedGitHub, startFakeGitHub, TOKEN } from '@refmcp/fake-github';
import { expect } from 'vitest';
import { options } from './config.js';

describePackage({
  dir: fileURLToPath(new URL('..', import.meta.url)),
  bin: 'refmcp-github',
  options,
  secretEnv: ['GITHUB_PERSONAL_ACCESS_TOKEN', 'GITHUB_OAUTH_CLIENT_SECRET', 'UPSTREAM_TOKEN_KEY'],
  files: ['dist/app.js'],
  timeoutMs: 300_000,
  around: async () => {
    const fake = await startFakeGitHub({ gh: seedGitHub() });
    return {
      env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: fake.apiUrl },
      stop: () => fake.close(),
    };
  },
  session: async ({ client }) => {
    const out = await callTool(client, 'get_file_contents', {
      owner: 'octocat',
      repo: 'hello-world',
      path: 'README.md',
    });
    expect(out.structured).toMatchObject({ content: expect.stringContaining('Hello World') });
  },
});
