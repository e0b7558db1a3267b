import type { Client } from '@modelcontextprotocol/client';
import { createLogger, type McpApp } from '@refmcp/core';
import {
  callTool,
  connectInProcess,
  type InProcessOptions,
  type ToolCallOutcome,
} from '@refmcp/core/testing';
import { type FakeGitHubServer, seedGitHub, startFakeGitHub, TOKEN } from '@refmcp/fake-github';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from './app.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type GitHubConfig } from './config.js';

/** A config for tests: the fake API as an Enterprise host, short waits, every toolset. */
export function testConfig(apiUrl: string, overrides: Partial<GitHubConfig> = {}): GitHubConfig {
  return {
    token: TOKEN,
    apiUrl: `${apiUrl}/api/v3`,
    toolsets: ['all'],
    tools: [],
    excludeTools: [],
    readOnly: false,
    lockdown: false,
    lockdownTrustedBots: ['github-actions[bot]'],
    retryAfterUnitMs: 20,
    maxRetryWaitSeconds: 5,
    writeSpacingMs: 0,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    ...overrides,
  };
}

export const quietLogger = () => createLogger({ name: 'test', level: 'silent' });

export interface Harness {
  fake: FakeGitHubServer;
  app: McpApp;
  client: Client;
  call: (name: string, args?: Record<string, unknown>) => Promise<ToolCallOutcome>;
}

/**
 * A fresh seeded fake and an in-process client for the tests of one file. `overrides` may be a
 * function of the fake's URL (to serve it as GitHub.com, without Enterprise Server's /api/v3).
 */
export function useHarness(
  overrides: Partial<GitHubConfig> | ((fakeUrl: string) => Partial<GitHubConfig>) = {},
  options: InProcessOptions = {},
): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    h.fake = await startFakeGitHub({ gh: seedGitHub() });
    const chosen = typeof overrides === 'function' ? overrides(h.fake.apiUrl) : overrides;
    h.app = createApp(testConfig(h.fake.apiUrl, chosen), { logger: quietLogger() });
    h.client = await connectInProcess(h.app, options);
    h.call = (name, args = {}) => callTool(h.client, name, args);
  });
  afterAll(async () => {
    await h.client?.close();
    await h.app?.close();
    await h.fake?.close();
  });
  return h;
}

/** Options for a client that can elicit: it records each question and answers with `answer()`. */
export function elicitingClient(answer: () => 'accept' | 'decline') {
  const asked: string[] = [];
  const options: InProcessOptions = {
    client: { capabilities: { elicitation: { form: {} } } },
    // As the binaries serve by default: destructive calls need the user's approval.
    serve: { confirm: 'destructive' },
    beforeConnect: (c) =>
      c.setRequestHandler('elicitation/create', (request) => {
        asked.push(String(request.params.message));
        return answer() === 'accept'
          ? { action: 'accept', content: { confirm: true } }
          : { action: 'decline' };
      }),
  };
  return { asked, options };
}
