import { randomBytes } from 'node:crypto';
import { lstat, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { readZip } from './zip.test-support.js';
import { zipSource } from './zip-sources.js';
import { writeNewZip } from './zip-write.js';

let dir: string;
beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-zip-')));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function sources(count: number, bytes: number) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `f${i}.bin`);
    await writeFile(file, randomBytes(bytes));
    out.push(zipSource(`f${i}.bin`, file, await lstat(file)));
  }
  return out;
}

it('writes every file and gives the archive its name only when complete', async () => {
  const files = await sources(3, 1000);
  const target = path.join(dir, 'out.zip');
  const bytes = await writeNewZip(target, files, { signal: new AbortController().signal });
  expect((await lstat(target)).size).toBe(bytes);
  const back = await readZip(target);
  expect([...back.keys()]).toEqual(['f0.bin', 'f1.bin', 'f2.bin']);
  expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});

// The tool timeout and a client's cancel both arrive as this signal; only the promise settling
// shows the work itself has stopped.
it('stops mid-archive when its signal aborts: it rejects, and neither archive nor temp is left', async () => {
  const files = await sources(8, 1024 * 1024);
  const target = path.join(dir, 'out.zip');
  const controller = new AbortController();
  const run = writeNewZip(target, files, {
    signal: controller.signal,
    onEntry: (i) => {
      if (i === 2) controller.abort();
    },
  });
  await expect(run).rejects.toThrow(/abort/i);
  expect((await readdir(dir)).sort()).toEqual(files.map((f) => f.name).sort());
});

it('refuses a file that changed size since it was chosen', async () => {
  const [file] = await sources(1, 100);
  await writeFile(file!.real, randomBytes(50));
  const target = path.join(dir, 'out.zip');
  await expect(writeNewZip(target, [file!], { signal: new AbortController().signal })).rejects.toThrow(
    /unexpected number of bytes/,
  );
  expect(await readdir(dir)).toEqual(['f0.bin']);
});
