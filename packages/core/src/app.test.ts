import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { createLogger } from './logger.js';
import { paginate } from './pagination.js';
import { createRedactor } from './redact.js';
import { callTool, connectInProcess } from './testing/index.js';
import { defineTool, reply } from './tool.js';

const lines: string[] = [];
const SECRET = 'tok_live_abcdef123456';

const notes = new Map([['a', 'alpha']]);
const readNote = defineTool({
  name: 'read_note',
  title: 'Read note',
  description: 'Read a note by id.',
  inputSchema: z.object({ id: z.string() }),
  outputSchema: z.object({ id: z.string(), text: z.string() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ id }, ctx: { deps: Map<string, string> }) => {
    const text = ctx.deps.get(id);
    if (text === undefined) throw new NotFoundError(`No note "${id}".`, { hint: 'List notes first.' });
    if (text === 'boom') throw new Error(`database password ${SECRET} rejected`);
    return { id, text };
  },
  render: (out) => `${out.id}: ${out.text}`,
});

const countTo = defineTool({
  name: 'count_to',
  title: 'Count',
  description: 'Count to n, reporting progress; pages of 10.',
  inputSchema: z.object({ n: z.number().int().min(1).max(1000), cursor: z.string().optional() }),
  outputSchema: z.object({ numbers: z.array(z.number()), nextCursor: z.string().optional() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  handler: async ({ n, cursor }, ctx) => {
    if (n === 13) throw new InvalidInputError('13 is unlucky.', { hint: 'Pick another n.' });
    for (let i = 1; i <= n; i++) ctx.progress(i, n);
    const all = Array.from({ length: n }, (_, i) => i + 1);
    const page = paginate(all, { cursor, limit: 10 });
    return page.nextCursor
      ? reply({ numbers: page.items, nextCursor: page.nextCursor }, [])
      : { numbers: page.items };
  },
});

const redact = createRedactor([SECRET]);

function makeApp() {
  return createMcpApp({
    name: 'notes',
    version: '1.2.3',
    tools: [readNote, countTo],
    deps: () => notes,
    redact,
    logger: createLogger({ name: 'notes', level: 'debug', write: (l) => lines.push(l) }).withRedaction(
      redact,
    ),
  });
}

describe.each(['legacy', 'modern'] as const)('createMcpApp (%s era)', (era) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  async function connect() {
    const client = await connectInProcess(makeApp(), { era });
    close = () => client.close();
    return client;
  }

  it('lists tools with all four annotation hints and an output schema', async () => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['read_note', 'count_to']);
    // Lean listing: no JSON Schema dialect URIs, no title repeated inside annotations.
    expect(JSON.stringify(tools)).not.toContain('$schema');
    expect(tools[0]?.annotations).not.toHaveProperty('title');
    expect(tools[0]?.title).toBe('Read note');
    for (const tool of tools) {
      expect(Object.keys(tool.annotations ?? {})).toEqual(
        expect.arrayContaining(['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']),
      );
      expect(tool.outputSchema?.type).toBe('object');
    }
  });

  it('lists compactly when asked, and still validates input and output in full', async () => {
    const app = createMcpApp({
      name: 'notes',
      version: '1.2.3',
      tools: [readNote, countTo],
      deps: () => notes,
      compactListing: true,
      logger: createLogger({ name: 'notes', level: 'silent' }),
    });
    const client = await connectInProcess(app, { era });
    close = () => client.close();
    const { tools } = await client.listTools();
    const count = tools.find((t) => t.name === 'count_to');
    expect(count?.title).toBeUndefined();
    expect(count?.inputSchema.properties).toEqual({
      n: { type: 'integer', maximum: 1000 },
      cursor: { type: 'string' },
    });
    expect(count?.outputSchema).toEqual({ type: 'object', properties: { numbers: {}, nextCursor: {} } });
    // A read-only tool: the other two hints are meaningless by the spec; openWorldHint false is not
    // the default, so it stays.
    expect(count?.annotations).toEqual({ readOnlyHint: true, openWorldHint: false });
    const zero = await callTool(client, 'count_to', { n: 0 });
    expect(zero.isError).toBe(true);
    expect((await callTool(client, 'count_to', { n: 2 })).structured).toEqual({ numbers: [1, 2] });
  });

  it('returns structured content and the rendered text', async () => {
    const out = await callTool(await connect(), 'read_note', { id: 'a' });
    expect(out).toMatchObject({ isError: false, text: 'a: alpha', structured: { id: 'a', text: 'alpha' } });
  });

  it('turns known errors into actionable isError results', async () => {
    const out = await callTool(await connect(), 'read_note', { id: 'zz' });
    expect(out.isError).toBe(true);
    expect(out.text).toBe('Not found: No note "zz".\nList notes first.');
  });

  it('reports internal errors without leaking secrets', async () => {
    notes.set('b', 'boom');
    lines.length = 0;
    const out = await callTool(await connect(), 'read_note', { id: 'b' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain('Internal error in read_note');
    expect(out.text).not.toContain(SECRET);
    expect(lines.join('')).toContain('call failed');
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('rejects invalid arguments with a validation error the model can read', async () => {
    const out = await callTool(await connect(), 'count_to', { n: 'ten' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/n/);
  });

  it('sends progress notifications and paginates with opaque cursors', async () => {
    const client = await connect();
    const seen: number[] = [];
    const first = await callTool<{ numbers: number[]; nextCursor?: string }>(
      client,
      'count_to',
      { n: 25 },
      { onprogress: (p) => seen.push(p.progress) },
    );
    expect(first.structured?.numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seen.at(-1)).toBe(25);
    const third = await callTool<{ numbers: number[]; nextCursor?: string }>(client, 'count_to', {
      n: 25,
      cursor: (
        await callTool<{ nextCursor: string }>(client, 'count_to', {
          n: 25,
          cursor: first.structured?.nextCursor,
        })
      ).structured?.nextCursor,
    });
    expect(third.structured).toEqual({ numbers: [21, 22, 23, 24, 25] });
    const forged = await callTool(client, 'count_to', { n: 25, cursor: 'not-a-cursor' });
    expect(forged.text).toContain('Invalid cursor');
  });
});
