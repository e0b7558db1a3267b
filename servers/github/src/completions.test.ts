import { seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { Completer } from './completions.js';
import { quietLogger, testConfig } from './test-helpers.js';

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
});
afterAll(() => fake.close());

const where = { arguments: { owner: 'octocat', repo: 'hello-world' } };
const issueListings = () =>
  fake.gh.calls.filter((c) => c.path === '/repos/octocat/hello-world/issues').length;

describe('completions', () => {
  it('asks GitHub once per list while typing, and again after 30 s', async () => {
    let now = 1_000_000;
    const completer = new Completer(createClient(testConfig(fake.apiUrl), quietLogger(), 'test'), () => now);
    fake.gh.calls.length = 0;
    expect(await completer.issue('', where)).toEqual(['2', '1']);
    expect(await completer.issue('1', where)).toEqual(['1']);
    expect(await completer.issue('9', where)).toEqual([]);
    expect(issueListings()).toBe(1);
    now += 30_001;
    await completer.issue('', where);
    expect(issueListings()).toBe(2);
  });

  it('completes nothing, without an error, when GitHub fails, and asks again next time', async () => {
    const completer = new Completer(createClient(testConfig(fake.apiUrl), quietLogger(), 'test'));
    fake.serverError(/^\/repos\/octocat\/hello-world\/pulls$/, 2, 404);
    expect(await completer.pull('', where)).toEqual([]);
    expect(await completer.pull('', where)).toEqual([]);
    expect(await completer.pull('', where)).toEqual(['3']);
  });

  it('keeps at most 200 lists', async () => {
    const completer = new Completer(createClient(testConfig(fake.apiUrl), quietLogger(), 'test'));
    for (let i = 0; i < 205; i++) await completer.repo('', { arguments: { owner: `nobody-${i}` } });
    expect((completer as unknown as { lists: Map<string, unknown> }).lists.size).toBe(200);
  });
});
