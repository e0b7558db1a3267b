import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { createLogger } from '@refmcp/core';
import { connectInProcess, type TestEra } from '@refmcp/core/testing';
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
): Promise<Fixture> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-fs-')));
  const outside = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-outside-')));
  const config = testConfig({ allowedDirectories: [root], ...overrides });
  const searchPool = new GrepPool();
  const app = createApp(config, { logger: createLogger({ name: 'test', level: 'silent' }), searchPool });
  const client = await connectInProcess(app, { era, ...(beforeConnect && { beforeConnect }) });
  return {
    root,
    outside,
    client,
    searchPool,
    async close() {
      await client.close();
      await app.close();
      await rm(root, { recursive: true, force: true });
      await rm(outside, { recursive: true, force: true });
    },
  };
}
