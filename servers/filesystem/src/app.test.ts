import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { expect, it } from 'vitest';
import { compileMatcher } from './fs/grep.js';
import { makeFixture } from './test-helpers.js';

// The search workers belong to the app: none may outlive it (in a host that builds apps in process,
// a leftover worker is a thread that nothing will ever end).
it('closing the app terminates its search workers, and the closed pool refuses new searches', async () => {
  const fx = await makeFixture();
  await writeFile(path.join(fx.root, 'a.txt'), 'needle\n');
  const out = await callTool<{ matches: unknown[] }>(fx.client, 'search_content', {
    path: fx.root,
    pattern: 'needle',
  });
  expect(out.structured?.matches).toHaveLength(1);
  // The finished search's worker waits in the pool for the next one.
  await expect.poll(() => fx.searchPool.workers()).toEqual({ live: 1, idle: 1 });

  await fx.close();
  expect(fx.searchPool.workers()).toEqual({ live: 0, idle: 0 });
  const job = {
    matcher: compileMatcher('x', true, true),
    maxSize: 1,
    context: 0,
    limit: 1,
    filesOnly: false,
  };
  expect(() => fx.searchPool.start(job)).toThrow(/closed/);
});
