import { lstat, mkdtemp, readdir, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import {
  callTool,
  connectHttp,
  MAIN_THREAD_CPU_BUDGET_MS,
  spawnHttpBin,
  spawnStdio,
  underPressure,
} from '@refmcp/core/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  renameEntry,
  understateSize,
  writeManyEmptyEntries,
  writeZip,
  zeros,
} from './fs/zip.test-support.js';

/**
 * Hostile archives against the built server over stdio and HTTP: each extraction must end with a
 * clear answer, write nothing outside its target, and leave the server answering pings within a
 * sensible memory bound. A zip is the classic way to turn a small request into a full disk or a
 * write anywhere on it.
 */

const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const MiB = 1024 * 1024;
const MAX_RSS = 400 * MiB;
/** The cap the servers below run with; the bomb expands to four times it. */
const CAP = 16 * MiB;
const BOMB = 4 * CAP;

let root: string;
let outside: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-zip-hostile-')));
  outside = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-zip-outside-')));
  // 64 MiB of zeros in a ~64 KiB archive: refused from its header's claim.
  await writeZip(path.join(root, 'bomb.zip'), [{ name: 'bomb.bin', stream: () => zeros(BOMB) }]);
  // The same bomb whose central directory claims 1000 bytes: refused from what it really expands to.
  await writeZip(path.join(root, 'liar.zip'), [{ name: 'bomb.bin', stream: () => zeros(BOMB) }]);
  await understateSize(path.join(root, 'liar.zip'), 'bomb.bin', 1000);
  // Zip-slip: a relative climb and an absolute name, each after a harmless entry.
  await writeZip(path.join(root, 'slip.zip'), [
    { name: 'ok.txt', content: 'fine' },
    { name: 'xx/evil.txt', content: 'pwned' },
  ]);
  await renameEntry(path.join(root, 'slip.zip'), 'xx/evil.txt', '../evil.txt');
  await writeZip(path.join(root, 'absolute.zip'), [{ name: 'x/evil.txt', content: 'pwned' }]);
  await renameEntry(path.join(root, 'absolute.zip'), 'x/evil.txt', '/evil.txt_');
  // A symlink entry to the outside folder, then a file "inside" it.
  await writeZip(path.join(root, 'symlink.zip'), [
    { name: 'link', content: outside, mode: 0o120777 },
    { name: 'link/planted.txt', content: 'pwned' },
  ]);
  // 100,000 empty entries: ten times the default entry cap.
  await writeManyEmptyEntries(path.join(root, 'many.zip'), 100_000);
}, 120_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

interface Running {
  client: Client;
  pid: number | null | undefined;
  close(): Promise<void>;
}

const FLAGS = ['--confirm', 'off', '--tool-timeout', '60000', '--max-archive-bytes', String(CAP)];

const transports = {
  stdio: async (): Promise<Running> => {
    const server = await spawnStdio({ command: process.execPath, args: [BIN, ...FLAGS, root] });
    return { client: server.client, pid: server.pid, close: () => server.close() };
  },
  http: async (): Promise<Running> => {
    const bin = await spawnHttpBin({ command: process.execPath, args: [BIN, ...FLAGS, root] });
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

const exists = (p: string) =>
  lstat(p).then(
    () => true,
    () => false,
  );

describe.each(Object.keys(transports) as Array<keyof typeof transports>)(
  'hostile archives over %s',
  (kind) => {
    let server: Running | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    /** Extracts `zip` into a fresh target named after the transport; returns the call's text. */
    const unzip = async (zip: string, target: string) => {
      server ??= await transports[kind]();
      const { client, pid } = server;
      const p = await underPressure(client, pid, () =>
        callTool(client, 'unzip_file', { zip_file: zip, target_path: target }),
      );
      expect(p.mainThreadCpuMs).toBeLessThan(MAIN_THREAD_CPU_BUDGET_MS);
      expect(p.peakRssBytes).toBeLessThan(MAX_RSS);
      if (!p.outcome.ok) throw p.outcome.error;
      expect(p.outcome.value.text).not.toMatch(/internal error|server bug/i);
      return p.outcome.value;
    };

    it('a zip bomb is refused from its claimed size before anything is written', async () => {
      const out = await unzip('bomb.zip', `${kind}-bomb`);
      expect(out.isError).toBe(true);
      expect(out.text).toContain(
        `expands to more than ${CAP} bytes, the cap on one extraction (--max-archive-bytes)`,
      );
      expect(await exists(path.join(root, `${kind}-bomb`))).toBe(false);
    });

    it('a zip bomb that lies about its size is stopped at what it really writes', async () => {
      const out = await unzip('liar.zip', `${kind}-liar`);
      expect(out.isError).toBe(true);
      expect(out.text).toMatch(/bomb\.bin.*too many bytes/);
      // Neither the file nor its temp file is left: nothing of the 64 MiB stays on disk.
      expect(await readdir(path.join(root, `${kind}-liar`))).toEqual([]);
    });

    it('a zip-slip archive is refused whole: nothing lands outside the target, or inside it', async () => {
      for (const zip of ['slip.zip', 'absolute.zip']) {
        const out = await unzip(zip, `${kind}-slip`);
        expect(out.isError, zip).toBe(true);
        expect(out.text).toMatch(/The archive is refused: (invalid relative path|absolute path)/);
      }
      expect(await exists(path.join(root, `${kind}-slip`))).toBe(false);
      expect(await exists(path.join(root, 'evil.txt'))).toBe(false);
      expect(await exists('/evil.txt_')).toBe(false);
    });

    it('a symlink entry is skipped, never created, so later entries stay inside', async () => {
      const out = await unzip('symlink.zip', `${kind}-symlink`);
      expect(out.isError).toBe(false);
      expect(out.structured).toMatchObject({ files: 1, skipped: ['link'] });
      const link = path.join(root, `${kind}-symlink`, 'link');
      expect((await lstat(link)).isDirectory()).toBe(true);
      expect((await stat(path.join(link, 'planted.txt'))).size).toBe(5);
      expect(await readdir(outside)).toEqual([]);
    });

    it('an archive of 100,000 entries is refused from its end record, at once', async () => {
      const out = await unzip('many.zip', `${kind}-many`);
      expect(out.isError).toBe(true);
      expect(out.text).toContain(
        'The archive has 100000 entries, over the 10000-entry cap (--max-archive-entries)',
      );
      expect(await exists(path.join(root, `${kind}-many`))).toBe(false);
    });
  },
  60_000,
);
