import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { InvalidInputError } from './errors.js';
import { createLogger } from './logger.js';
import { createRedactor } from './redact.js';
import { connectInProcess } from './testing/index.js';
import { defineTool, reply } from './tool.js';

/** An upstream that echoes the token back (an issue body, a user's name): none of it may reach the client. */
const SECRET = 'tok_0123456789abcdef';

const echo = defineTool({
  name: 'echo_upstream',
  title: 'Echo upstream',
  description: 'Returns what the upstream said.',
  inputSchema: z.object({ fail: z.boolean().default(false) }),
  outputSchema: z.object({ body: z.string(), nested: z.object({ names: z.array(z.string()) }) }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ fail }, ctx) => {
    ctx.log.info(`upstream said ${SECRET}`);
    if (fail) throw new InvalidInputError(`The upstream refused ${SECRET}.`);
    return reply({ body: `token is ${SECRET}`, nested: { names: [SECRET] } }, [
      { type: 'resource', resource: { uri: 'note://1', mimeType: 'text/plain', text: `again ${SECRET}` } },
    ]);
  },
});

/** A big text view handed over with its JSON, as a database's rows are: the JSON names the secret too. */
const BIG_VIEW = `${'row\n'.repeat(20_000)}${SECRET}`;
const encoded = defineTool({
  name: 'echo_encoded',
  title: 'Echo encoded',
  description: 'Returns a big text view with its JSON.',
  inputSchema: z.object({}),
  outputSchema: z.object({ rows: z.number() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async () => reply({ rows: 20_000 }, [], { text: BIG_VIEW, textJson: JSON.stringify(BIG_VIEW) }),
});

function makeApp() {
  const redact = createRedactor([SECRET]);
  return createMcpApp({
    name: 'leaky',
    version: '1.0.0',
    tools: [echo, encoded],
    redact,
    logger: createLogger({ name: 'leaky', level: 'silent' }).withRedaction(redact),
    capabilities: { resources: {} },
    deps: () => undefined,
    setup: ({ server }) => {
      server.registerResource('note', 'note://1', { mimeType: 'text/plain' }, async () => ({
        contents: [{ uri: 'note://1', text: `resource ${SECRET}` }],
      }));
      server.registerPrompt('leak', { description: 'A prompt' }, async () => ({
        messages: [{ role: 'user', content: { type: 'text', text: `prompt ${SECRET}` } }],
      }));
    },
  });
}

describe.each(['legacy', 'modern'] as const)('secrets never reach the client (%s era)', (era) => {
  it('in structured content, extra blocks, resources, prompts, log notices and errors', async () => {
    const notices: unknown[] = [];
    const client = await connectInProcess(makeApp(), {
      era,
      beforeConnect: (c) =>
        c.setNotificationHandler('notifications/message', (n) => void notices.push(n.params)),
    });
    try {
      if (era === 'legacy') await client.setLoggingLevel('debug');
      const seen = [
        await client.callTool({ name: 'echo_upstream', arguments: {} }),
        await client.callTool({ name: 'echo_upstream', arguments: { fail: true } }),
        await client.readResource({ uri: 'note://1' }),
        await client.getPrompt({ name: 'leak' }),
      ];
      const view = (await client.callTool({ name: 'echo_encoded', arguments: {} })) as {
        content: Array<{ text: string }>;
      };
      expect(view.content[0]?.text).toBe(`${'row\n'.repeat(20_000)}[redacted]`);
      const ok = seen[0] as { structuredContent: { body: string; nested: { names: string[] } } };
      expect(ok.structuredContent).toEqual({
        body: 'token is [redacted]',
        nested: { names: ['[redacted]'] },
      });
      const everything = JSON.stringify([seen, notices]);
      expect(everything).not.toContain(SECRET);
      expect(everything).toContain('again [redacted]');
      expect(everything).toContain('resource [redacted]');
      expect(everything).toContain('prompt [redacted]');
      if (era === 'legacy') expect(JSON.stringify(notices)).toContain('upstream said [redacted]');
    } finally {
      await client.close();
    }
  });
});
