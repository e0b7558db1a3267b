// A hostile fake API in a process of its own, for the responsiveness suite: serving 100,000 issues
// or a 50 MB message takes CPU, and in the bench's own process it would delay the pings the bench
// times. Prints one JSON line `{ apiUrl, env }` on stdout, then serves until stdin closes.
//
//   node fake-upstream.mjs github   list_issues is answered with 100,000 issues (every time)
//   node fake-upstream.mjs slack    #huge (C0HUGE) holds one 50 MiB message
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './lib.mjs';

const MiB = 1024 * 1024;
/** Enough hostile answers for every sample a run takes. */
const TIMES = 1_000;

const load = (name) => import(pathToFileURL(path.join(repoRoot, 'tooling', name, 'dist/index.js')).href);

async function github() {
  const { seedGitHub, startFakeGitHub, TOKEN } = await load('fake-github');
  const fake = await startFakeGitHub({ gh: seedGitHub() });
  // GitHub's own items, repeated: only the count is wrong, as from a proxy that ignores per_page.
  fake.floodList(/\/issues$/, 100_000, TIMES);
  return { fake, env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: fake.apiUrl } };
}

async function slack() {
  const { BOT_TOKEN, seedWorkspace, startFakeSlack } = await load('fake-slack');
  const workspace = seedWorkspace();
  workspace.addChannel({ id: 'C0HUGE', name: 'huge', members: ['U0ALICE', 'U0BOT'] });
  workspace.addMessage('C0HUGE', { user: 'U0ALICE', text: 'h'.repeat(50 * MiB) });
  const fake = await startFakeSlack({ workspace });
  return { fake, env: { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl } };
}

const kinds = { github, slack };
const kind = process.argv[2];
if (!kinds[kind]) {
  console.error(`usage: node fake-upstream.mjs ${Object.keys(kinds).join('|')}`);
  process.exit(2);
}
const { fake, env } = await kinds[kind]();
process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl, env })}\n`);
process.stdin.resume();
process.stdin.on('end', () => fake.close().then(() => process.exit(0)));
