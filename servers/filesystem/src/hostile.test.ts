import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import {
  callTool,
  connectHttp,
  MAIN_THREAD_CPU_BUDGET_MS,
  type Pressure,
  spawnHttpBin,
  spawnStdio,
  underPressure,
} from '@refmcp/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * Hostile but legal inputs against the built server, over stdio and HTTP: each call must end with a
 * clear answer (a result, or an error naming the cap that refused it), at a bounded cost to the
 * server's event loop (its main thread's CPU time: what would hold pings back) and memory. A server
 * shared by many users over HTTP must survive any one of them.
 */

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const MiB = 1024 * 1024;
const MAX_RSS = 400 * MiB;

/** Five and six stars: polynomial backtracking of degree 5 and 6 in a regex engine (42 s and > 60 s). */
const STARS5 = '*a*a*a*a*b';
const STARS6 = '*a*a*a*a*a*b';
/** Six globstars against a path 80 levels deep: minutes in a backtracking engine. */
const GLOBSTARS = '**/a/**/a/**/a/**/a/**/a/**/a/**/b';
const DEPTH = 80;

let root: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-hostile-')));
  await mkdir(path.join(root, 'globs'));
  await writeFile(path.join(root, 'globs', `${'a'.repeat(200)}0`), 'a\n');
  const deep = path.join(root, 'deep', ...Array<string>(DEPTH).fill('a'));
  await mkdir(deep, { recursive: true });
  await writeFile(path.join(deep, 'c'), 'c\n');
  await writeFile(path.join(root, 'deep', '.gitignore'), `${GLOBSTARS}\n`);
  // 40 MiB on one line, under the default 50 MiB file-size cap; ends with a unique word.
  await writeFile(
    path.join(root, 'big.txt'),
    Buffer.concat([Buffer.alloc(40 * MiB, 'x'), Buffer.from('END')]),
  );
  await writeFile(path.join(root, 'a.txt'), Buffer.alloc(MiB, 'a'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Running {
  client: Client;
  pid: number | null | undefined;
  close(): Promise<void>;
}

// These calls stand for a host that asks before every tool call; approvals have their own tests.
const HOST_ASKS = ['--confirm', 'off'];

const transports = {
  stdio: async (args: string[]): Promise<Running> => {
    const server = await spawnStdio({ command: process.execPath, args: [BIN, ...HOST_ASKS, ...args, root] });
    return { client: server.client, pid: server.pid, close: () => server.close() };
  },
  http: async (args: string[]): Promise<Running> => {
    const bin = await spawnHttpBin({ command: process.execPath, args: [BIN, ...HOST_ASKS, ...args, root] });
    // 2026-era requests: a 2025-era session answers an oversized body by dropping the connection.
    const client = await connectHttp(bin.url, 'modern');
    return {
      client,
      pid: bin.pid,
      close: async () => {
        await client.close().catch(() => {});
        await bin.kill();
      },
    };
  },
};

/** The call's text, after checking that it ended clearly and the server stayed responsive. */
function settled(p: Pressure<Awaited<ReturnType<typeof callTool>>>): { isError: boolean; text: string } {
  expect(p.mainThreadCpuMs).toBeLessThan(MAIN_THREAD_CPU_BUDGET_MS);
  expect(p.peakRssBytes).toBeLessThan(MAX_RSS);
  if (!p.outcome.ok) throw p.outcome.error;
  const { isError, text } = p.outcome.value;
  expect(text).not.toMatch(/internal error|server bug|Invalid string length/i);
  return { isError, text };
}

describe.each(Object.keys(transports) as Array<keyof typeof transports>)(
  'hostile inputs over %s',
  (kind) => {
    let server: Running | undefined;
    const start = async (...args: string[]) => {
      server = await transports[kind](['--tool-timeout', '20000', ...args]);
      return server;
    };
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    const call = async (name: string, args: Record<string, unknown>, ...flags: string[]) => {
      const { client, pid } = await start(...flags);
      return settled(await underPressure(client, pid, () => callTool(client, name, args)));
    };

    it('search_files: a many-star glob against a long name answers at once', async () => {
      for (const pattern of [STARS5, STARS6]) {
        const { client, pid } = server ?? (await start());
        const out = settled(
          await underPressure(client, pid, () =>
            callTool(client, 'search_files', { path: 'globs', pattern }),
          ),
        );
        expect(out).toEqual({ isError: false, text: 'No matches.' });
      }
    });

    it('directory_tree: many-star excludePatterns', async () => {
      const out = await call('directory_tree', { path: 'globs', excludePatterns: [STARS6] });
      expect(out.isError).toBe(false);
      expect(out.text).toContain('a'.repeat(200));
    });

    it('search_content: many-star include and exclude', async () => {
      const out = await call('search_content', {
        path: 'globs',
        pattern: 'a',
        include: [STARS6, '*0'],
        exclude: [STARS6],
      });
      expect(out.isError).toBe(false);
      expect(out.text).toContain('1 matching lines');
    });

    it('a .gitignore rule with many globstars against a deep tree', async () => {
      const out = await call('search_files', { path: 'deep', pattern: 'c', respectGitignore: true });
      expect(out.isError).toBe(false);
      expect(out.text).toContain(`${'a/'.repeat(DEPTH)}c`);
    });

    it('edit_file: an oldText that matches tens of millions of times is refused without counting them all', async () => {
      const out = await call('edit_file', {
        path: 'big.txt',
        edits: [{ oldText: 'x'.repeat(10), newText: 'y' }],
        dryRun: true,
      });
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/matches more than \d+ places/);
    });

    it('edit_file replaceAll: too many replacements, or a result over the size cap, is refused by name', async () => {
      const many = await call('edit_file', {
        path: 'big.txt',
        edits: [{ oldText: 'x'.repeat(10), newText: 'y' }],
        replaceAll: true,
        dryRun: true,
      });
      expect(many.isError).toBe(true);
      expect(many.text).toMatch(/replaceAll replaces at most [\d,]+ places/);
      await server?.close();
      const huge = await call(
        'edit_file',
        {
          path: 'a.txt',
          edits: [{ oldText: 'a'.repeat(16), newText: 'b'.repeat(1000) }],
          replaceAll: true,
          dryRun: true,
        },
        '--max-file-size',
        String(20 * MiB),
      );
      expect(huge.isError).toBe(true);
      expect(huge.text).toContain('over the 20971520-byte file-size cap (--max-file-size)');
    });

    it('edit_file: the diff of a 40 MB line is cut, not built whole', async () => {
      const out = await call('edit_file', {
        path: 'big.txt',
        edits: [{ oldText: 'END', newText: 'FIN' }],
        dryRun: true,
      });
      expect(out.isError).toBe(false);
      expect(out.text).toMatch(/\n-x+ … \[line cut: \d+ more characters\]\n/);
      expect(out.text).toMatch(/\n\+x+ … \[line cut: \d+ more characters\]\n/);
      expect(out.text.length).toBeLessThan(MiB);
    });

    it('write_file: content over the write cap is refused by name; the connection keeps working', async () => {
      // The cap is lowered so the message stays small: reading and parsing a 9 MiB message holds a
      // busy CI machine's loop for seconds before any tool runs (the SDK parses on the main thread),
      // and over HTTP a body over --max-body-bytes (4 MiB) never reaches the server.
      const [content, flags] = [2 * MiB, ['--max-write-bytes', String(MiB)]];
      const over = await call('write_file', { path: 'w.txt', content: 'w'.repeat(content) }, ...flags);
      expect(over.isError).toBe(true);
      expect(over.text).toContain('--max-write-bytes');
      const { client } = server!;
      // 12 MB cannot reach the tool: stdio refuses the message, HTTP the body; the connection stays.
      const refused = await callTool(client, 'write_file', {
        path: 'w.txt',
        content: 'w'.repeat(12 * MiB),
      }).then(
        () => 'answered',
        (error: Error) => String(error),
      );
      expect(refused).toMatch(kind === 'stdio' ? /at most 9\.9 MiB/ : /at most 4194304 \(--max-body-bytes\)/);
      const small = await callTool(client, 'write_file', { path: 'w.txt', content: 'ok\n' });
      expect(small.isError).toBe(false);
    });

    it('resources/read of a 40 MB file is refused by name instead of a reply no stdio client can read', async () => {
      const { client, pid } = await start();
      const uri = pathToFileURL(path.join(root, 'big.txt')).href;
      const p = await underPressure(client, pid, () => client.readResource({ uri }));
      expect(p.mainThreadCpuMs).toBeLessThan(MAIN_THREAD_CPU_BUDGET_MS);
      expect(p.peakRssBytes).toBeLessThan(MAX_RSS);
      expect(p.outcome.ok).toBe(false);
      expect(String((p.outcome as { error: unknown }).error)).toMatch(/resource reads return at most/);
      // The connection survived: the next read works.
      const small = await client.readResource({
        uri: pathToFileURL(path.join(root, 'globs', `${'a'.repeat(200)}0`)).href,
      });
      expect(small.contents).toHaveLength(1);
    });
  },
  60_000,
);

// With / (and so /proc) allowed: on Node 22 and 24 a recursive mkdir under a missing folder of
// /proc never returned and kept a thread-pool thread spinning, so four calls left no thread for any
// other file operation. Five calls, then a write: each must come back with a clear error.
it.skipIf(process.platform !== 'linux')(
  'create_directory under a missing folder of /proc fails at once, and file operations go on',
  async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN, ...HOST_ASKS, '--tool-timeout', '600000', '/proc', root],
    });
    try {
      for (let i = 0; i < 5; i++) {
        const out = await callTool(server.client, 'create_directory', { path: `/proc/refmcp-${i}/a/b` });
        expect(out.isError).toBe(true);
        expect(out.text).toContain(`No such file or directory: /proc/refmcp-${i}`);
      }
      const write = await callTool(server.client, 'write_file', {
        path: path.join(root, 'after-proc', 'ok.txt'),
        content: 'ok\n',
      });
      expect(write.isError, write.text).toBe(false);
    } finally {
      await server.close();
    }
  },
);
