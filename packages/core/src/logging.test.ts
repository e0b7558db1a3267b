import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { createLogger } from './logger.js';
import { createRedactor } from './redact.js';
import { connectInProcess } from './testing/index.js';
import { defineTool } from './tool.js';

const SECRET = 'sk_live_0123456789abcdef';

const chatty = defineTool({
  name: 'chatty',
  title: 'Chatty',
  description: 'Logs at two levels.',
  inputSchema: z.object({}),
  outputSchema: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async (_input, ctx) => {
    ctx.log.debug('detail', { step: 1 });
    ctx.log.warn(`careful with ${SECRET}`);
    return { ok: true };
  },
});

const redact = createRedactor([SECRET]);

function makeApp(stderr: string[]) {
  return createMcpApp({
    name: 'log-test',
    version: '0',
    tools: [chatty],
    deps: () => undefined,
    redact,
    logger: createLogger({
      name: 'log-test',
      level: 'debug',
      write: (line) => stderr.push(line),
    }).withRedaction(redact),
  });
}

describe('tool logging', () => {
  it('writes JSON lines to stderr and sends MCP log notifications the client filters by level', async () => {
    const stderr: string[] = [];
    const received: Array<{ level: string; data: unknown; logger?: string }> = [];
    const client = await connectInProcess(makeApp(stderr), {
      beforeConnect: (c) =>
        c.setNotificationHandler('notifications/message', (n) => {
          received.push(n.params);
        }),
    });
    await client.setLoggingLevel('warning');
    await client.callTool({ name: 'chatty', arguments: {} });
    await client.close();

    // Only warning and above reach the client after logging/setLevel; stderr gets everything.
    expect(received).toEqual([{ level: 'warning', data: 'careful with [redacted]', logger: 'chatty' }]);
    const lines = stderr.map((line) => JSON.parse(line));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'debug', msg: 'detail', step: 1 }));
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'careful with [redacted]' }));
    expect(stderr.join('')).not.toContain(SECRET);
  });
});
