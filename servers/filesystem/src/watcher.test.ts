import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileWatcher, type FileWatcher } from './watcher.js';

/** Polls until `predicate` holds; file events take a moment to arrive. */
async function waitFor(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('createFileWatcher', () => {
  let dir: string;
  let watcher: FileWatcher;
  const errors: Error[] = [];

  beforeEach(async () => {
    dir = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-watch-')));
    watcher = createFileWatcher({ onError: (error) => errors.push(error) });
  });
  afterEach(async () => {
    try {
      await watcher.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
  });

  it('reports in-place writes, atomic replacement and deletion', async () => {
    const file = path.join(dir, 'a.txt');
    await writeFile(file, 'one');
    let events = 0;
    await watcher.watch(file, () => events++);

    await appendFile(file, 'two');
    await waitFor(() => events >= 1, 'an in-place write');

    const before = events;
    await writeFile(path.join(dir, '.a.tmp'), 'three');
    await rename(path.join(dir, '.a.tmp'), file);
    await waitFor(() => events > before, 'an atomic replacement');

    // The watch survives the replacement: the new file is still watched.
    const afterReplace = events;
    await appendFile(file, 'four');
    await waitFor(() => events > afterReplace, 'a write to the replaced file');

    const beforeDelete = events;
    await rm(file);
    await waitFor(() => events > beforeDelete, 'a deletion');
  });

  it('reports after the last of several quick changes, so no write goes unannounced', async () => {
    const file = path.join(dir, 'quick.txt');
    await writeFile(file, '');
    // What the file held at each report: the last one must show the last write.
    const seen: string[] = [];
    await watcher.watch(file, () => seen.push(readFileSync(file, 'utf8')));
    for (let i = 0; i < 5; i++) {
      await appendFile(file, String(i));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await waitFor(() => seen.includes('01234'), 'a report that includes the last write');
  });

  it('does not report reads of the file', async () => {
    const file = path.join(dir, 'read.txt');
    const sentinel = path.join(dir, 'sentinel.txt');
    await writeFile(file, 'content');
    await writeFile(sentinel, '');
    let reads = 0;
    let sentinelEvents = 0;
    await watcher.watch(file, () => reads++);
    await watcher.watch(sentinel, () => sentinelEvents++);
    for (let i = 0; i < 3; i++) await readFile(file);
    await appendFile(sentinel, 'x');
    await waitFor(() => sentinelEvents >= 1, 'the sentinel');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(0);
  });

  it('shares one watch per file and keeps it until the last registration is released', async () => {
    const file = path.join(dir, 'shared.txt');
    const sentinel = path.join(dir, 'sentinel.txt');
    await writeFile(file, '');
    await writeFile(sentinel, '');
    let first = 0;
    let second = 0;
    let sentinelEvents = 0;
    const releaseFirst = await watcher.watch(file, () => first++);
    const releaseSecond = await watcher.watch(file, () => second++);
    await watcher.watch(sentinel, () => sentinelEvents++);
    expect(watcher.size).toBe(2);

    releaseFirst();
    releaseFirst(); // a second call must not drop the other registration
    expect(watcher.size).toBe(2);
    await appendFile(file, 'x');
    await waitFor(() => second >= 1, 'the remaining registration');
    expect(first).toBe(0);

    releaseSecond();
    expect(watcher.size).toBe(1);
    const secondBefore = second;
    await appendFile(file, 'y');
    await appendFile(sentinel, 'y');
    // Events for one directory arrive in order, so once the sentinel's has come, a released
    // watch would have reported too.
    await waitFor(() => sentinelEvents >= 1, 'the sentinel');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second).toBe(secondBefore);
  });

  it('watches a file again after it was released', async () => {
    const file = path.join(dir, 'again.txt');
    await writeFile(file, '');
    (await watcher.watch(file, () => {}))();
    expect(watcher.size).toBe(0);
    let events = 0;
    await watcher.watch(file, () => events++);
    await appendFile(file, 'z');
    await waitFor(() => events >= 1, 'a change after re-watching');
  });

  it('refuses more files than its limit', async () => {
    const limited = createFileWatcher({ maxFiles: 1 });
    try {
      await writeFile(path.join(dir, 'one'), '');
      await writeFile(path.join(dir, 'two'), '');
      await limited.watch(path.join(dir, 'one'), () => {});
      await limited.watch(path.join(dir, 'one'), () => {}); // same file: no new watch
      await expect(limited.watch(path.join(dir, 'two'), () => {})).rejects.toThrow(/At most 1 files/);
    } finally {
      await limited.close();
    }
  });

  it('drops every watch on close and accepts no new ones', async () => {
    const file = path.join(dir, 'c.txt');
    await writeFile(file, '');
    await watcher.watch(file, () => {});
    await watcher.close();
    expect(watcher.size).toBe(0);
    await expect(watcher.watch(file, () => {})).rejects.toThrow(/closed/);
  });
});
