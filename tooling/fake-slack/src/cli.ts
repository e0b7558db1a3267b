#!/usr/bin/env node
/**
 * Starts the fake Slack Web API by hand, seeded, on a loopback port, to try the Slack server
 * without a real workspace: `pnpm --filter @refmcp/fake-slack start -- --port 8788`. Runs until
 * Ctrl-C (SIGINT) or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { BOT_TOKEN, seedWorkspace, USER_TOKEN } from './seed.js';
import { startFakeSlack } from './server.js';

const USAGE = `Usage: fake-slack [--port <number>]

A stateful in-memory Slack Web API on 127.0.0.1, seeded with a small workspace.
  --port <number>  Port to listen on (default 8788; 0 picks a free one)
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
  const port = Number(values.port ?? 8788);
  if (!/^\d+$/.test(values.port ?? '8788') || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, got "${values.port}".`);
  }
  return port;
}

async function main(): Promise<void> {
  let port: number | undefined;
  try {
    port = portFrom(process.argv.slice(2));
  } catch (error) {
    console.error(`fake-slack: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (port === undefined) {
    console.log(USAGE);
    return;
  }
  const fake = await startFakeSlack({ workspace: seedWorkspace(), port }).catch(
    (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : error.message;
      console.error(`fake-slack: cannot listen: ${why}.`);
      process.exit(1);
    },
  );
  console.log(
    [
      `Fake Slack Web API listening at ${fake.apiUrl}`,
      `Bot token: ${BOT_TOKEN}`,
      `User token: ${USER_TOKEN} (search and unreads need it; the seeded data is in src/seed.ts)`,
      'Run the Slack server against it (from the repository root):',
      `  SLACK_BOT_TOKEN=${BOT_TOKEN} SLACK_API_URL=${fake.apiUrl} node servers/slack/dist/index.js`,
      'Ctrl-C stops it; its data lives in memory and is gone then.',
    ].join('\n'),
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
