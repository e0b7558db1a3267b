import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from './audit.js';
import { callTool } from './testing/call.js';
import { connectHttp } from './testing/http.js';
import { spawnHttpBin } from './testing/http-bin.js';
import { spawnStdio } from './testing/stdio.js';
import { waitUntil } from './testing/wait.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const SECRET = 'xoxb-upstream-secret-4711';
/** A server with a tool that answers, one that refuses, and one that never finishes. */
const script = `
import * as z from 'zod';
import { createMcpApp, createRedactor, InvalidInputError, readOnly, runCli, toolsOf } from ${JSON.stringify(dist)};
const defineTool = toolsOf();
const base = { annotations: readOnly({ openWorld: false }), outputSchema: z.object({ ok: z.boolean() }) };
const tools = [
  defineTool({ ...base, name: 'echo', title: 'Echo', description: 'Echo.', inputSchema: z.object({ text: z.string(), n: z.number().optional() }),
    handler: async (_input, ctx) => { ctx.audit({ upstream: 'alice' }); return { ok: true }; } }),
  defineTool({ ...base, name: 'refuse', title: 'Refuse', description: 'Refuse.', inputSchema: z.object({}),
    handler: async () => { throw new InvalidInputError('no'); } }),
  defineTool({ ...base, name: 'hang', title: 'Hang', description: 'Hang.', inputSchema: z.object({}),
    handler: () => new Promise(() => {}) }),
];
await runCli({
  spec: { name: 'audited', version: '0', summary: 'test', usage: '', options: {} },
  build: (ctx) => createMcpApp({ name: 'audited', version: '0', tools, deps: () => undefined, logger: ctx.logger,
    redact: createRedactor([${JSON.stringify(SECRET)}]) }),
});
`;
// After `-e`, argv[1] is the first argument; runCli reads from argv[2], so one placeholder goes first.
const serverArgs = (...args: string[]) => ['--input-type=module', '-e', script, '--', 'audited', ...args];
const cwd = fileURLToPath(new URL('..', import.meta.url));

type Line = Record<string, unknown>;
const linesOf = (file: string): Line[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.skipIf(!existsSync(dist))('--audit-log', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'refmcp-audit-'));
    file = path.join(dir, 'audit.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records the start and end of every call over stdio: who, what, a digest, the outcome', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: serverArgs('--audit-log', file),
      cwd,
    });
    try {
      const args = { text: `hello ${SECRET}`, n: 2 };
      expect((await callTool(server.client, 'echo', args)).isError).toBe(false);
      expect((await callTool(server.client, 'refuse')).isError).toBe(true);
    } finally {
      await server.close();
    }
    const lines = linesOf(file);
    expect(lines.map((l) => [l.event, l.tool, l.outcome])).toEqual([
      ['start', 'echo', undefined],
      ['end', 'echo', 'ok'],
      ['start', 'refuse', undefined],
      ['end', 'refuse', 'invalid_input'],
    ]);
    const [start, end] = lines;
    expect(start).toMatchObject({ server: 'audited', subject: 'local', era: 'legacy' });
    // The same digest whatever the key order: equal arguments can be found across lines.
    expect(start?.argsSha256).toBe(sha256(canonicalJson({ n: 2, text: `hello ${SECRET}` })));
    expect(start).not.toHaveProperty('args');
    expect(end).toMatchObject({ call: start?.call, upstream: 'alice', ms: expect.any(Number) });
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  });

  it('records the calls the SDK refuses before any handler: bad arguments and unknown tools, both eras', async () => {
    const stdio = await spawnStdio({ command: process.execPath, args: serverArgs('--audit-log', file), cwd });
    try {
      expect((await callTool(stdio.client, 'echo', { text: 42 })).isError).toBe(true);
      await expect(stdio.client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(/not found/);
      expect((await callTool(stdio.client, 'echo', { text: 'fine' })).isError).toBe(false);
    } finally {
      await stdio.close();
    }
    const http = await spawnHttpBin({
      command: process.execPath,
      args: serverArgs('--auth-token', 'team-token-1234567890', '--audit-log', file),
    });
    try {
      const client = await connectHttp(http.url, 'modern', {
        headers: { authorization: 'Bearer team-token-1234567890' },
      });
      expect((await callTool(client, 'echo', {})).isError).toBe(true);
      await client.close();
    } finally {
      await http.kill();
    }
    const lines = linesOf(file);
    expect(lines.map((l) => [l.event, l.tool, l.subject, l.outcome])).toEqual([
      ['start', 'echo', 'local', undefined],
      ['end', 'echo', 'local', 'invalid_arguments'],
      ['start', 'nope', 'local', undefined],
      ['end', 'nope', 'local', 'unknown_tool'],
      ['start', 'echo', 'local', undefined],
      ['end', 'echo', 'local', 'ok'],
      ['start', 'echo', 'token', undefined],
      ['end', 'echo', 'token', 'invalid_arguments'],
    ]);
    expect(lines[0]).toMatchObject({ era: 'legacy', argsSha256: sha256(canonicalJson({ text: 42 })) });
    expect(lines[6]).toMatchObject({ era: 'modern' });
  });

  it('with --audit-args, records arguments redacted and long strings as digest and size', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: serverArgs('--audit-log', file, '--audit-args'),
      cwd,
    });
    const long = 'x'.repeat(5000);
    try {
      await callTool(server.client, 'echo', { text: `key ${SECRET}` });
      await callTool(server.client, 'echo', { text: long });
    } finally {
      await server.close();
    }
    const starts = linesOf(file).filter((l) => l.event === 'start');
    expect(starts[0]?.args).toEqual({ text: expect.stringMatching(/^key (?!.*4711)/) });
    expect(starts[1]?.args).toEqual({ text: { sha256: sha256(long), bytes: 5000 } });
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  });

  it('names the caller over HTTP, and keeps the start of a call the server died in', async () => {
    const http = await spawnHttpBin({
      command: process.execPath,
      args: serverArgs('--auth-token', 'team-token-1234567890', '--audit-log', file),
    });
    try {
      const client = await connectHttp(http.url, 'modern', {
        headers: { authorization: 'Bearer team-token-1234567890' },
      });
      await callTool(client, 'echo', { text: 'hi' });
      void client.callTool({ name: 'hang', arguments: {} }).catch(() => {});
      await waitUntil(
        () => existsSync(file) && linesOf(file).some((l) => l.tool === 'hang'),
        'the hang call to start',
      );
      await http.kill();
      await client.close().catch(() => {});
    } finally {
      await http.kill();
    }
    const lines = linesOf(file);
    expect(lines.map((l) => [l.event, l.tool, l.subject, l.era])).toEqual([
      ['start', 'echo', 'token', 'modern'],
      ['end', 'echo', 'token', undefined],
      ['start', 'hang', 'token', 'modern'],
    ]);
    expect(readFileSync(file, 'utf8')).not.toContain('team-token-1234567890');
  });

  it('rotates before the size cap, keeping every line', async () => {
    const server = await spawnStdio({
      command: process.execPath,
      args: serverArgs('--audit-log', file, '--audit-max-bytes', '4096'),
      cwd,
    });
    try {
      for (let i = 0; i < 40; i++) await callTool(server.client, 'echo', { text: `call ${i}` });
    } finally {
      await server.close();
    }
    const files = readdirSync(dir).sort();
    expect(files).toEqual([
      'audit.jsonl',
      'audit.jsonl.1',
      'audit.jsonl.2',
      'audit.jsonl.3',
      'audit.jsonl.4',
    ]);
    const all = files.flatMap((f) => linesOf(path.join(dir, f)));
    expect(all.filter((l) => l.event === 'end')).toHaveLength(40);
    for (const f of files) expect(readFileSync(path.join(dir, f)).length).toBeLessThanOrEqual(4096);
  });
});
