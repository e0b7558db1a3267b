import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createLogger } from '@refmcp/core';
import { connectInProcess, type InProcessOptions, type TestEra } from '@refmcp/core/testing';
import { createApp } from './app.js';
import { type FilesystemConfig, MiB } from './config.js';
import { GrepPool } from './fs/grep-worker.js';

export interface Fixture {
  /** Real path of a fresh temp directory, the sandbox root. */
  root: string;
  /** Real path of a second temp directory outside the sandbox. */
  outside: string;
  client: Client;
  /** The app's search workers, to watch them. */
  searchPool: GrepPool;
  close(): Promise<void>;
}

/** A config as loadConfig builds one, with every tool and test-sized limits, plus `overrides`. */
export function testConfig(overrides: Partial<FilesystemConfig> = {}): FilesystemConfig {
  return {
    allowedDirectories: [],
    readOnly: false,
    maxFileSize: 10 * MiB,
    maxReadBytes: 256 * 1024,
    maxWriteBytes: 8 * MiB,
    maxArchiveBytes: 64 * MiB,
    maxArchiveEntries: 1000,
    tools: [],
    excludeTools: [],
    ...overrides,
  };
}

/** A temp sandbox plus a temp "outside" dir, and a real client connected to a server on it. */
export async function makeFixture(
  era: TestEra = 'legacy',
  overrides: Partial<FilesystemConfig> = {},
  beforeConnect?: (client: Client) => void,
  connect: Pick<InProcessOptions, 'serve' | 'client'> = {},
): Promise<Fixture> {
  const dirs: string[] = [];
  const removeDirs = () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  const tempDir = async (prefix: string) => {
    const dir = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
    dirs.push(dir);
    return dir;
  };
  let app: ReturnType<typeof createApp> | undefined;
  try {
    const root = await tempDir('refmcp-fs-');
    const outside = await tempDir('refmcp-outside-');
    const config = testConfig({ allowedDirectories: [root], ...overrides });
    const searchPool = new GrepPool();
    const started = createApp(config, {
      logger: createLogger({ name: 'test', level: 'silent' }),
      searchPool,
    });
    app = started;
    const client = await connectInProcess(started, {
      era,
      ...connect,
      ...(beforeConnect && { beforeConnect }),
    });
    return {
      root,
      outside,
      client,
      searchPool,
      async close() {
        // The folders go whatever happens to the client and the app.
        try {
          await client.close();
          await started.close();
        } finally {
          await removeDirs();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await removeDirs();
    throw error;
  }
}
