import { mkdir, mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { extractPlan } from './unzip-extract.js';
import { planExtraction, safeParts } from './unzip-plan.js';
import { writeZip, zeros } from './zip.test-support.js';

let dir: string;
beforeEach(async () => {
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-unzip-')));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const signal = new AbortController().signal;

// The headers' sizes are checked before extracting, and yauzl checks each entry against its own
// header; this counter is the last guard, on what is actually written, whatever the headers say.
it('counts the bytes it writes and stops at the cap, leaving the file that passed it unwritten', async () => {
  const zip = path.join(dir, 'a.zip');
  await writeZip(zip, [
    { name: 'first.bin', stream: () => zeros(3000) },
    { name: 'second.bin', stream: () => zeros(3000) },
  ]);
  const plan = await planExtraction(zip, { maxBytes: 1 << 30, maxEntries: 10 }, signal);
  const out = path.join(dir, 'out');
  await mkdir(out);
  try {
    await expect(extractPlan(plan, out, { maxBytes: 5000, signal, allowed: () => true })).rejects.toThrow(
      'The archive expands past the 5000-byte cap on one extraction (--max-archive-bytes), more than its headers claim; stopped at second.bin, which was not written.',
    );
  } finally {
    plan.zip.close();
  }
  expect(await readdir(out)).toEqual(['first.bin']);
});

it('refuses any entry name that could leave the target, whatever yauzl thinks of it', async () => {
  expect(safeParts('a/./b//c')).toEqual(['a', 'b', 'c']);
  for (const name of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\x', 'a\0b']) {
    expect(() => safeParts(name), name).toThrow(/The archive is refused/);
  }
});

// The tool timeout and a client's cancel both arrive as this signal; the reply goes out at once,
// so only the promise settling shows the work itself has stopped.
it('stops mid-file when its signal aborts: it rejects, and neither the file nor its temp is left', async () => {
  const zip = path.join(dir, 'big.zip');
  await writeZip(zip, [{ name: 'big.bin', stream: () => zeros(32 * 1024 * 1024) }]);
  const plan = await planExtraction(zip, { maxBytes: 1 << 30, maxEntries: 10 }, signal);
  const out = path.join(dir, 'out');
  await mkdir(out);
  const controller = new AbortController();
  try {
    const run = extractPlan(plan, out, {
      maxBytes: 1 << 30,
      signal: controller.signal,
      allowed: () => true,
      // Abort once the file is being written.
      onEntry: () => setImmediate(() => controller.abort()),
    });
    await expect(run).rejects.toThrow(/abort/i);
  } finally {
    plan.zip.close();
  }
  expect(await readdir(out)).toEqual([]);
});
