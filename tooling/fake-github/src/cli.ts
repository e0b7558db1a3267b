#!/usr/bin/env node
/**
 * Starts the fake GitHub API by hand, seeded, on a loopback port, to try the GitHub server
 * without a real account: `pnpm --filter @refmcp/fake-github start -- --port 8787`. Runs until
 * Ctrl-C (SIGINT) or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { seedGitHub, TOKEN } from './seed.js';
import { startFakeGitHub } from './server.js';

const USAGE = `Usage: fake-github [--port <number>]

A stateful in-memory GitHub REST API on 127.0.0.1, seeded with octocat/hello-world.
  --port <number>  Port to listen on (default 8787; 0 picks a free one)
  -h, --help       Show this help`;

function portFrom(argv: string[]): number | undefined {
  // pnpm and npm hand a leading `--` to the script as is.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) return undefined;
  const port = Number(values.port ?? 8787);
  if (!/^\d+$/.test(values.port ?? '8787') || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, got "${values.port}".`);
  }
  return port;
}

async function main(): Promise<void> {
  let port: number | undefined;
  try {
    port = portFrom(process.argv.slice(2));
  } catch (error) {
    console.error(`fake-github: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (port === undefined) {
    console.log(USAGE);
    return;
  }
  const fake = await startFakeGitHub({ gh: seedGitHub(), port }).catch((error: NodeJS.ErrnoException) => {
    const why =
      error.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : error.message;
    console.error(`fake-github: cannot listen: ${why}.`);
    process.exit(1);
  });
  console.log(
    [
      `Fake GitHub API listening at ${fake.apiUrl}`,
      `Token: ${TOKEN} (user octocat; the seeded data is in src/seed.ts)`,
      'Run the GitHub server against it (from the repository root):',
      `  GITHUB_PERSONAL_ACCESS_TOKEN=${TOKEN} GITHUB_API_URL=${fake.apiUrl} node servers/github/dist/index.js`,
      'Ctrl-C stops it; its data lives in memory and is gone then.',
    ].join('\n'),
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
