import type { Tool } from '@modelcontextprotocol/client';
import { describe, expect, it } from 'vitest';
import { leanAnnotations } from '../lean-schema.js';
import { renderToolReference } from './docs.js';

const tool = (name: string, annotations: Tool['annotations']): Tool => ({
  name,
  inputSchema: { type: 'object' },
  ...(annotations && { annotations }),
});

/** The annotation row the reference prints for one tool. */
function row(t: Tool): string | undefined {
  return renderToolReference([t])
    .split('\n')
    .find((line) => line.startsWith(`| \`${t.name}\` |`));
}

describe('renderToolReference annotations', () => {
  it('reads a hint a compact listing left out as the spec default, as full hints read', () => {
    const readOnly = {
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    };
    const write = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };
    for (const [name, hints, expected] of [
      ['reader', readOnly, 'yes | no | yes | yes'],
      ['writer', write, 'no | yes | no | yes'],
      ['local', { ...readOnly, openWorldHint: false }, 'yes | no | yes | no'],
    ] as const) {
      expect(row(tool(name, hints))).toBe(`| \`${name}\` | ${expected} |`);
      expect(row(tool(name, leanAnnotations(hints)))).toBe(`| \`${name}\` | ${expected} |`);
    }
  });

  it('reads a tool without annotations as the spec does: may write, destroy and reach out', () => {
    expect(row(tool('bare', undefined))).toBe('| `bare` | no | yes | no | yes |');
  });
});
