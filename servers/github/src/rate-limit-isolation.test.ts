import { setTimeout as sleep } from 'node:timers/promises';
import { callTool, connectInProcess } from '@refmcp/core/testing';
import { seedGitHub, startFakeGitHub } from '@refmcp/fake-github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { quietLogger, testConfig } from './test-helpers.js';

let fake: Awaited<ReturnType<typeof startFakeGitHub>>;
beforeAll(async () => {
  fake = await startFakeGitHub({ gh: seedGitHub() });
});
afterAll(() => fake.close());

const ISSUES = /^\/repos\/octocat\/hello-world\/issues$/;
const where = { owner: 'octocat', repo: 'hello-world' };

/**
 * A shared server: calls that wait out a rate limit must not hold the request slots everyone
 * else needs (the limiter runs at most 10 requests at once), and a call that is cancelled or
 * times out during its wait must not send its retry later.
 */
describe('calls waiting out a rate limit', () => {
  it('leave other calls free, and send nothing once cancelled', async () => {
    // One unit is 100 ms here: a Retry-After of 30 is a 3 s wait, within the 60-unit retry bound.
    const app = createApp(testConfig(fake.apiUrl, { retryAfterUnitMs: 100, maxRetryWaitSeconds: 60 }), {
      logger: quietLogger(),
    });
    const client = await connectInProcess(app);
    try {
      fake.rateLimit(ISSUES, 12, 'secondary', 30);
      const before = fake.gh.calls.filter((c) => ISSUES.test(c.path)).length;
      // More waiting calls than the limiter has slots; each is cancelled by the client after 1 s.
      const waiting = Array.from({ length: 12 }, () =>
        client
          .callTool({ name: 'list_issues', arguments: where }, { timeout: 1000 })
          .then(() => 'answered' as const)
          .catch(() => 'cancelled' as const),
      );
      await sleep(200);
      const me = callTool(client, 'get_me').then((out) => {
        expect(out.isError, out.text).toBe(false);
        return 'get_me' as const;
      });
      // get_me answers while all twelve still wait: their retries hold no slot.
      expect(await Promise.race([me, Promise.all(waiting).then(() => 'waiting calls' as const)])).toBe(
        'get_me',
      );
      expect(await Promise.all(waiting)).toEqual(Array(12).fill('cancelled'));
      // Past the 3 s wait: a retry of a cancelled call would have reached GitHub by now.
      await sleep(3500);
      expect(fake.gh.calls.filter((c) => ISSUES.test(c.path)).length - before).toBe(12);
      // The slots are free again: the same list answers at once.
      const list = await callTool(client, 'list_issues', where);
      expect(list.isError, list.text).toBe(false);
    } finally {
      await client.close();
      await app.close();
    }
  }, 30_000);
});
