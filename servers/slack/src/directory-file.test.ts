import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '@refmcp/core';
import { type FakeSlack, seedWorkspace, startFakeSlack } from '@refmcp/fake-slack';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Directory } from './directory.js';
import { DirectoryFile } from './directory-file.js';
import { createSlackApi } from './slack/api.js';
import { testConfig } from './test-helpers.js';

/** The real file store, with its first write held back: as when a disk is slow for a moment. */
class SlowFirstWrite extends DirectoryFile {
  done = 0;
  private calls = 0;
  override async write(...args: Parameters<DirectoryFile['write']>): Promise<void> {
    if (this.calls++ === 0) await new Promise((resolve) => setTimeout(resolve, 150));
    await super.write(...args);
    this.done++;
  }
}

let slack: FakeSlack;
let dir: string;
beforeEach(async () => {
  slack = await startFakeSlack({ workspace: seedWorkspace() });
  dir = await mkdtemp(path.join(tmpdir(), 'refmcp-slack-dirfile-'));
});
afterEach(async () => {
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('directory file', () => {
  it('ends with both lists when the write after the first list is slower than the one after the second', async () => {
    const logger = createLogger({ name: 't', level: 'silent' });
    const file = path.join(dir, 'directory.json');
    const store = new SlowFirstWrite(file, slack.apiUrl, 60_000, logger, Date.now);
    const directory = new Directory(createSlackApi(testConfig(slack.apiUrl), logger), {
      ttlSeconds: 3600,
      logger,
      file: { store, teamId: async () => 'T0FAKE01' },
    });
    await Promise.all([directory.channels(), directory.users()]);
    for (let i = 0; i < 200 && store.done < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.done).toBe(2);
    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown[]>;
    expect(saved.channels?.length).toBeGreaterThan(0);
    expect(saved.users?.map((u) => (u as { id: string }).id)).toContain('U0CAROL');
  });
});
