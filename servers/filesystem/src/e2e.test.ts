import { appendFile, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TestEra } from '@refmcp/core/testing';
import {
  answerApprovals,
  CAN_ASK_USER,
  callEveryTool,
  connectHttp,
  runBin,
  spawnHttpBin,
  spawnStdio,
} from '@refmcp/core/testing';
import { describe, expect, it, onTestFinished } from 'vitest';

/** The built server as users run it: bundled (dist/index.js is the same code, unbundled). */
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
/** The command `npx @refmcp/server-filesystem` runs: it turns on the compile cache, then loads BIN. */
const COMMAND = fileURLToPath(new URL('../bin/refmcp-filesystem.js', import.meta.url));

// 1x1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** One realistic call per tool. A tool added without an entry here fails the coverage test. */
const CALLS: Record<string, Record<string, unknown>> = {
  list_allowed_directories: {},
  get_file_info: { path: 'notes.txt' },
  read_text_file: { path: 'notes.txt', head: 1 },
  read_media_file: { path: 'pixel.png' },
  read_multiple_files: { paths: ['notes.txt', 'src/a.ts'] },
  list_directory: { path: '.' },
  list_directory_with_sizes: { path: '.', sortBy: 'size' },
  directory_tree: { path: '.' },
  search_files: { path: '.', pattern: '*.ts' },
  search_content: { path: '.', pattern: 'alpha' },
  write_file: { path: 'new.txt', content: 'fresh\n' },
  edit_file: { path: 'notes.txt', edits: [{ oldText: 'alpha', newText: 'ALPHA' }], dryRun: true },
  create_directory: { path: 'made/deep' },
  move_file: { source: 'move-me.txt', destination: 'moved.txt' },
  copy_path: { source: 'notes.txt', destination: 'copy.txt' },
  delete_path: { path: 'delete-me.txt' },
  calculate_directory_size: { root_path: '.' },
  zip_files: { input_files: ['notes.txt', 'src/a.ts'], target_zip_file: 'out/bundle.zip' },
  zip_directory: { input_directory: 'src', target_zip_file: 'out/src.zip' },
  // Into the root: notes.txt is there already, so the user is asked first.
  unzip_file: { zip_file: 'out/bundle.zip', target_path: '.' },
};

const expectedQuestions = (root: string) => [
  `Delete the file ${root}/delete-me.txt. This cannot be undone. Go ahead?`,
  `Replace 1 existing file in ${root} with the archive's (notes.txt). This cannot be undone. Go ahead?`,
];

async function makeRoot(): Promise<string> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-e2e-')));
  await mkdir(path.join(root, 'src'));
  await writeFile(path.join(root, 'notes.txt'), 'alpha\nbeta\n');
  await writeFile(path.join(root, 'src/a.ts'), 'export const alpha = 1;\n');
  await writeFile(path.join(root, 'move-me.txt'), 'move\n');
  await writeFile(path.join(root, 'delete-me.txt'), 'bye\n');
  await writeFile(path.join(root, 'pixel.png'), PNG);
  return root;
}

describe.each(['legacy', 'modern'] as const)('the built binary (%s era)', (era: TestEra) => {
  it('serves every tool over stdio', async () => {
    const root = await makeRoot();
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN, root],
      era,
      client: CAN_ASK_USER,
    });
    onTestFinished(() => server.close());
    expect(server.client.getProtocolEra()).toBe(era);
    const asked = answerApprovals(server.client, 'accept');
    await callEveryTool(server.client, CALLS);
    // Of every call, only the deletion and the unzip over an existing file needed the user, and
    // they were asked in this era too.
    expect(asked).toEqual(expectedQuestions(root));
    // The archive made by zip_files was extracted back into the root.
    expect(await readFile(path.join(root, 'a.ts'), 'utf8')).toBe('export const alpha = 1;\n');
    // Security: stdout carries JSON-RPC only; logs went to stderr.
    expect(server.stderr()).toContain('serving stdio');
  });

  it('serves every tool over Streamable HTTP', async () => {
    const root = await makeRoot();
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN, root] });
    onTestFinished(http.stop);
    const client = await connectHttp(http.url, era, { client: CAN_ASK_USER });
    onTestFinished(() => client.close());
    expect(client.getProtocolEra()).toBe(era);
    const asked = answerApprovals(client, 'accept');
    await callEveryTool(client, CALLS);
    expect(asked).toEqual(expectedQuestions(root));
    // The archive made by zip_files was extracted back into the root.
    expect(await readFile(path.join(root, 'a.ts'), 'utf8')).toBe('export const alpha = 1;\n');
  });
});

describe('file changes for 2026-era clients over stdio', () => {
  it('reaches a listen stream that names the file, and nothing after it closes', async () => {
    const root = await makeRoot();
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const server = await spawnStdio({ command: process.execPath, args: [BIN, root], era: 'modern' });
    try {
      const { client } = server;
      expect(client.getServerCapabilities()?.resources).toMatchObject({ subscribe: true });
      const file = path.join(root, 'notes.txt');
      const heard: string[] = [];
      client.setNotificationHandler('notifications/resources/updated', (n) => {
        heard.push(n.params.uri);
      });
      const subscription = await client.listen({ resourceSubscriptions: [pathToFileURL(file).href] });
      // The watch starts once the stream is open; keep writing until a notice arrives.
      const deadline = Date.now() + 10_000;
      while (heard.length === 0 && Date.now() < deadline) {
        await appendFile(file, '.');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(heard[0]).toBe(pathToFileURL(file).href);
      await subscription.close();
      // Once the stream is closed, later writes are not reported.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = heard.length;
      await appendFile(file, 'after');
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(heard.length).toBe(before);
    } finally {
      await server.close();
    }
  });
});

describe('command line', () => {
  it('keeps its compile cache in the user cache folder, and starts when that folder cannot be made', async () => {
    const root = await makeRoot();
    const home = await mkdtemp(path.join(tmpdir(), 'refmcp-home-'));
    onTestFinished(async () => {
      await Promise.all([rm(root, { recursive: true }), rm(home, { recursive: true })]);
    });
    // A HOME under /proc: a recursive mkdir there never returns on Node 22 and 24.
    const homes = process.platform === 'linux' ? [home, '/proc/refmcp-missing-home'] : [home];
    for (const HOME of homes) {
      const server = await spawnStdio({ command: process.execPath, args: [COMMAND, root], env: { HOME } });
      const { tools } = await server.client.listTools();
      expect(tools.map((t) => t.name)).toContain('read_text_file');
      await server.close();
    }
    const cache = path.join(home, '.cache', 'refmcp', 'node-compile-cache');
    // Node 22.0 has no compile cache; every Node this package supports after it writes one.
    if (typeof (await import('node:module')).default.enableCompileCache === 'function') {
      expect((await readdir(cache)).length).toBeGreaterThan(0);
    }
  });

  it('exits 2 with one clear line for a directory that does not exist', async () => {
    const { code, stderr } = await runBin(BIN, ['/definitely/not/here']);
    expect(code).toBe(2);
    expect(stderr).toContain('refmcp-filesystem: Allowed directory /definitely/not/here does not exist.');
  });

  it('exits 2 for a read cap whose results could not fit one reply', async () => {
    const { code, stderr } = await runBin(BIN, ['--max-read-bytes', String(5 * 1024 * 1024), tmpdir()]);
    expect(code).toBe(2);
    expect(stderr).toContain('--max-read-bytes must be between 1024 and 4194304, got 5242880.');
  });

  it('exits 2 with one clear line for an unknown tool name', async () => {
    const { code, stderr } = await runBin(BIN, ['--tools', 'read_text_file,reed_file', tmpdir()]);
    expect(code).toBe(2);
    expect(stderr).toContain('refmcp-filesystem: Unknown tool "reed_file" in --tools.');
  });
});
