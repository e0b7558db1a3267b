import type { Client } from '@modelcontextprotocol/client';
import { createLogger, type LogLevel } from '@refmcp/core';
import { answerApprovals, CAN_ASK_USER, connectInProcess, type TestEra } from '@refmcp/core/testing';
import {
  BOT_TOKEN,
  type FakeSlack,
  type SeedOptions,
  seedWorkspace,
  startFakeSlack,
  USER_TOKEN,
} from '@refmcp/fake-slack';
import { createApp } from './app.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type SlackConfig } from './config.js';

export { BOT_TOKEN, USER_TOKEN };

export interface Harness {
  client: Client;
  slack: FakeSlack;
  /** Every log line the server wrote. */
  logs: string[];
  /** The approval questions the user was asked (with `approvals`), in order. */
  asked: string[];
  close(): Promise<void>;
}

export function testConfig(apiUrl: string, overrides: Partial<SlackConfig> = {}): SlackConfig {
  return {
    token: BOT_TOKEN,
    tokenKind: 'bot',
    teamId: undefined,
    apiUrl,
    allowWrite: false,
    allowMarkRead: false,
    allowUsergroupWrite: false,
    allowDm: false,
    writeChannels: [],
    denyChannels: [],
    readChannels: [],
    unfurl: false,
    cacheTtlSeconds: 3600,
    maxRetries: 1,
    requestTimeoutMs: 5000,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    maxFileBytes: 1024 * 1024,
    caPem: undefined,
    proxy: {},
    directoryCachePath: undefined,
    directoryCacheMaxAgeSeconds: 86_400,
    tools: [],
    excludeTools: [],
    ...overrides,
  };
}

export const userToken: Partial<SlackConfig> = { token: USER_TOKEN, tokenKind: 'user' };
export const allWrites: Partial<SlackConfig> = {
  allowWrite: true,
  allowMarkRead: true,
  allowUsergroupWrite: true,
  allowDm: true,
};

/** A fake Slack seeded with the standard workspace, and a real MCP client on a server pointed at it. */
export async function connect(
  era: TestEra,
  overrides: Partial<SlackConfig> = {},
  options: {
    seed?: SeedOptions;
    logLevel?: LogLevel;
    slack?: FakeSlack;
    approvals?: 'accept' | 'decline';
  } = {},
): Promise<Harness> {
  const slack = options.slack ?? (await startFakeSlack({ workspace: seedWorkspace(options.seed) }));
  const logs: string[] = [];
  const logger = createLogger({
    name: 'test',
    level: options.logLevel ?? 'debug',
    write: (l) => logs.push(l),
  });
  const app = createApp(testConfig(slack.apiUrl, overrides), { logger });
  // With `approvals`, the client plays a user who answers every question so, as the binaries
  // ask by default; without, the host is taken to ask before every call (--confirm off).
  const { approvals } = options;
  const client = await connectInProcess(app, {
    era,
    ...(approvals && { client: CAN_ASK_USER, serve: { confirm: 'destructive' as const } }),
  });
  const asked = approvals ? answerApprovals(client, approvals) : [];
  return {
    client,
    asked,
    slack,
    logs,
    async close() {
      await client.close();
      await app.close();
      await slack.close();
    },
  };
}
