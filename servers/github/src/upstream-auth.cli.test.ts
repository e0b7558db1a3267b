import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { runBin } from '@refmcp/core/testing';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** `--upstream-auth oauth` from the command line: every missing piece is one line and exit 2. */
describe('refmcp-github --upstream-auth oauth', () => {
  const base = ['--upstream-auth', 'oauth', '--http', '--port', '0'];
  const complete = [
    '--public-url',
    'http://127.0.0.1:1',
    '--upstream-client-id',
    'id',
    '--token-store',
    ':memory:',
  ];
  const key = randomBytes(32).toString('base64');

  it.each([
    [['--upstream-auth', 'oauth'], {}, /needs --http/],
    [base, {}, /needs --public-url/],
    [[...base, '--public-url', 'http://x', '--upstream-client-id', 'id'], {}, /GITHUB_OAUTH_CLIENT_SECRET/],
    [[...base, ...complete], { GITHUB_OAUTH_CLIENT_SECRET: 's' }, /UPSTREAM_TOKEN_KEY/],
    [
      [...base, ...complete],
      { GITHUB_OAUTH_CLIENT_SECRET: 's', UPSTREAM_TOKEN_KEY: 'not-a-key-value' },
      /key #1/,
    ],
  ] as const)('%j refuses to start with a clear line', async (args, env, message) => {
    const { code, stderr } = await runBin(BIN, [...args], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('not-a-key-value');
    expect(stderr).not.toContain(key);
  });
});
