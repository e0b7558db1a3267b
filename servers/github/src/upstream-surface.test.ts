import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useHarness } from './test-helpers.js';
import { catalog } from './tools/index.js';
import { DEFAULT_TOOLSETS, TOOLSET_NAMES } from './toolsets.js';

/**
 * A host config or prompt written for github/github-mcp-server must keep working with ours: every
 * tool it documents, in the same toolset, accepting every argument name and enum value it accepts.
 * upstream-surface.json records that surface; STILL_MISSING names what ours does not accept yet,
 * and must shrink as it is added (a stale entry fails too).
 */
const STILL_MISSING: string[] = [];

const upstream = JSON.parse(readFileSync(new URL('./upstream-surface.json', import.meta.url), 'utf8')) as {
  defaultToolsets: string[];
  tools: Record<string, { toolsets: string[]; args: Record<string, string[] | null> }>;
};

type Schema = { enum?: unknown[]; items?: Schema; anyOf?: Schema[]; type?: string | string[] };

/** Whether a property schema accepts `value` as far as its enums say (no enum accepts any string). */
function acceptsValue(schema: Schema, value: string): boolean {
  if (schema.anyOf) return schema.anyOf.some((s) => acceptsValue(s, value));
  if (schema.enum) return schema.enum.includes(value);
  if (schema.type === 'array' && schema.items) return acceptsValue(schema.items, value);
  return true;
}

describe("github-mcp-server's tool surface", () => {
  const h = useHarness({ toolsets: ['all'] });

  it('is accepted by ours with --toolsets all: tools, argument names and enum values', async () => {
    const { tools } = await h.client.listTools();
    const ours = new Map(tools.map((t) => [t.name, t.inputSchema.properties as Record<string, Schema>]));
    const missing: string[] = [];
    for (const [name, tool] of Object.entries(upstream.tools)) {
      const props = ours.get(name);
      if (!props) {
        missing.push(name);
        continue;
      }
      for (const [arg, values] of Object.entries(tool.args)) {
        const schema = props[arg];
        if (!schema) missing.push(`${name}.${arg}`);
        else for (const v of values ?? []) if (!acceptsValue(schema, v)) missing.push(`${name}.${arg}=${v}`);
      }
    }
    expect(missing).toEqual(STILL_MISSING);
  });

  it('puts each tool in the same toolset, with the same default toolsets', () => {
    const toolsetOf = new Map(catalog.map((t) => [t.name, t.toolset]));
    const moved = Object.entries(upstream.tools)
      .filter(([name, tool]) => toolsetOf.has(name) && !tool.toolsets.includes(toolsetOf.get(name) ?? ''))
      .map(([name]) => name);
    expect(moved).toEqual([]);
    const theirs = new Set(
      Object.entries(upstream.tools)
        .filter(([name]) => toolsetOf.has(name))
        .flatMap(([, t]) => t.toolsets),
    );
    expect([...theirs].filter((t) => !(TOOLSET_NAMES as readonly string[]).includes(t))).toEqual([]);
    expect([...DEFAULT_TOOLSETS]).toEqual(upstream.defaultToolsets);
  });
});
