import type { Client } from '@modelcontextprotocol/client';
import { createLogger } from '@refmcp/core';
import { connectInProcess, type TestEra } from '@refmcp/core/testing';
import { createApp } from './app.js';
import type { TemplateConfig } from './config.js';

export interface Connected {
  client: Client;
  close(): Promise<void>;
}

/** A real MCP client connected in-process to a server built from default config plus `overrides`. */
export async function connect(era: TestEra, overrides: Partial<TemplateConfig> = {}): Promise<Connected> {
  const app = createApp(
    { maxTextLength: 100_000, tools: [], excludeTools: [], ...overrides },
    { logger: createLogger({ name: 'test', level: 'silent' }) },
  );
  const client = await connectInProcess(app, { era });
  return {
    client,
    async close() {
      await client.close();
      await app.close();
    },
  };
}
