import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ConfigError } from './errors.js';
import { selectTools, toolsetsOf } from './select.js';
import { type AnyTool, defineTool, destructive, readOnly, writes } from './tool.js';

const tool = (
  name: string,
  annotations: AnyTool<unknown>['annotations'],
  extra: Partial<AnyTool<unknown>> = {},
) =>
  defineTool({
    name,
    title: name,
    description: name,
    inputSchema: z.object({}),
    outputSchema: z.object({}),
    annotations,
    handler: async () => ({}),
    ...extra,
  });

const local = { openWorld: false };
const catalog = [
  tool('read_a', readOnly(local), { toolset: 'a' }),
  tool('write_a', writes(local), { toolset: 'a' }),
  tool('read_b', readOnly(local), { toolset: 'b' }),
  tool('drop_b', destructive(local), { toolset: 'b' }),
  tool('mark_b', writes({ openWorld: false, idempotent: true }), { toolset: 'b', gate: 'mark' }),
  tool('memo_c', writes(local), { toolset: 'c', gate: null }),
];
const names = (tools: ReadonlyArray<{ name: string }>) => tools.map((t) => t.name);
const none = { tools: [], excludeTools: [] };

describe('selectTools without toolsets', () => {
  it('offers every tool whose switch is on, in catalog order', () => {
    expect(names(selectTools(catalog, { ...none, gates: { write: true } }))).toEqual([
      'read_a',
      'write_a',
      'read_b',
      'drop_b',
      'memo_c',
    ]);
  });

  it('keeps write tools out when the write switch is off, but not a tool that opts out of gates', () => {
    expect(names(selectTools(catalog, { ...none, gates: { write: false, mark: true } }))).toEqual([
      'read_a',
      'read_b',
      'mark_b',
      'memo_c',
    ]);
  });

  it('--tools narrows to those names, and cannot bring back a tool whose switch is off', () => {
    const chosen = selectTools(catalog, { tools: ['read_b', 'drop_b'], excludeTools: [], gates: {} });
    expect(names(chosen)).toEqual(['read_b']);
  });

  it('--exclude-tools removes names', () => {
    const chosen = selectTools(catalog, { tools: [], excludeTools: ['read_a', 'memo_c'], gates: {} });
    expect(names(chosen)).toEqual(['read_b']);
  });

  it('refuses an unknown name in either list as a config error', () => {
    expect(() => selectTools(catalog, { ...none, tools: ['nope'], gates: {} })).toThrow(
      new ConfigError('Unknown tool "nope" in --tools.'),
    );
    expect(() => selectTools(catalog, { ...none, excludeTools: ['read_x'], gates: {} })).toThrow(
      'Unknown tool "read_x" in --exclude-tools.',
    );
  });
});

describe('selectTools with toolsets', () => {
  const gates = { write: true, mark: true };
  const toolsets = (...chosen: string[]) => ({ chosen, defaults: ['a'] });

  it('derives the toolsets from the tools, in order of appearance', () => {
    expect(toolsetsOf(catalog)).toEqual(['a', 'b', 'c']);
  });

  it('offers the chosen toolsets, default and all included, plus --tools', () => {
    expect(names(selectTools(catalog, { ...none, gates, toolsets: toolsets('default') }))).toEqual([
      'read_a',
      'write_a',
    ]);
    expect(names(selectTools(catalog, { ...none, gates, toolsets: toolsets('B') }))).toEqual([
      'read_b',
      'drop_b',
      'mark_b',
    ]);
    expect(selectTools(catalog, { ...none, gates, toolsets: toolsets('all') })).toHaveLength(6);
    const plus = selectTools(catalog, {
      tools: ['memo_c'],
      excludeTools: ['write_a'],
      gates,
      toolsets: toolsets('a'),
    });
    expect(names(plus)).toEqual(['read_a', 'memo_c']);
  });

  it('refuses an unknown toolset, naming the known ones', () => {
    expect(() => selectTools(catalog, { ...none, gates, toolsets: toolsets('a', 'zz') })).toThrow(
      'Unknown toolset "zz". Known: a, b, c, all, default.',
    );
  });
});

describe('what the offer leaves out', () => {
  it('names each tool a switch with a reason or --exclude-tools keeps out, and why', () => {
    const offer = selectTools(catalog, {
      tools: [],
      excludeTools: ['read_b'],
      gates: { write: 'the server runs with --read-only', mark: false },
    });
    expect(names(offer)).toEqual(['read_a', 'memo_c']);
    expect(Object.fromEntries(offer.unavailable)).toEqual({
      write_a: 'the server runs with --read-only',
      drop_b: 'the server runs with --read-only',
      read_b: 'left out with --exclude-tools',
    });
  });
});
