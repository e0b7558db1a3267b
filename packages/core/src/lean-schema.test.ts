import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { leanAnnotations, leanSchema } from './lean-schema.js';

// What the SDK calls when it lists tools: the Standard Schema's JSON Schema converter.
const announced = (schema: z.ZodObject) =>
  (
    schema['~standard'] as unknown as {
      jsonSchema: { output: (options: { target: string }) => Record<string, unknown> };
    }
  ).jsonSchema.output({ target: 'draft-2020-12' });

const shape = z.object({
  name: z.string(),
  // A field that shares a keyword's name must survive.
  required: z.object({ checks: z.array(z.string()) }),
  labels: z.array(z.object({ id: z.number(), text: z.string().optional() })),
});

describe('leanSchema', () => {
  it('drops the dialect URI and keeps the rest of an input schema', () => {
    const json = announced(leanSchema(shape));
    expect(json).not.toHaveProperty('$schema');
    expect(json.required).toEqual(['name', 'required', 'labels']);
    expect(json.additionalProperties).toBe(false);
  });

  it('announces an output schema without required lists or closed objects, at every depth', () => {
    const json = announced(leanSchema(shape, { terse: true }));
    const text = JSON.stringify(json);
    expect(text).not.toContain('"additionalProperties"');
    expect(text).not.toMatch(/"required":\[/);
    expect(json).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        required: { type: 'object', properties: { checks: { type: 'array', items: { type: 'string' } } } },
        labels: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'number' }, text: { type: 'string' } } },
        },
      },
    });
  });

  it('outlines an output schema: top-level fields with their descriptions and enums only', () => {
    const result = z.object({
      kind: z.enum(['file', 'dir']),
      items: z.array(z.object({ id: z.number() })).describe('One page'),
      next: z.number().optional(),
    });
    expect(announced(leanSchema(result, { outline: true }))).toEqual({
      type: 'object',
      properties: { kind: { enum: ['file', 'dir'] }, items: { description: 'One page' }, next: {} },
    });
  });

  it('compacts an input schema without losing a limit that matters', () => {
    const valid = { type: 'x', minimum: 'a', perPage: 1, page: 2, files: [{ path: 'p' }] };
    const input = z.object({
      type: z.string().min(1),
      minimum: z.enum(['a', 'b']),
      perPage: z.number().min(1).max(100),
      page: z.number().min(2),
      files: z.array(z.object({ path: z.string().min(1) })).min(1),
    });
    const json = announced(leanSchema(input, { compact: true }));
    expect(json.properties).toEqual({
      type: { type: 'string' },
      minimum: { enum: ['a', 'b'] },
      perPage: { type: 'number', maximum: 100 },
      page: { type: 'number', minimum: 2 },
      files: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: { path: { type: 'string' } },
          required: ['path'],
        },
      },
    });
    expect(json.required).toEqual(['type', 'minimum', 'perPage', 'page', 'files']);
    // Unknown arguments are dropped before a handler runs, so the listing promises no refusal.
    expect(json).not.toHaveProperty('additionalProperties');
    expect(leanSchema(input, { compact: true }).parse({ ...valid, extra: 1 })).not.toHaveProperty('extra');
    // Still validated in full.
    expect(
      leanSchema(input, { compact: true }).safeParse({
        type: '',
        minimum: 'a',
        perPage: 0,
        page: 2,
        files: [],
      }).success,
    ).toBe(false);
  });

  it('leaves out a default that omitting already means, and keeps every other default', () => {
    const input = z.object({
      recursive: z.boolean().default(false),
      gitignore: z.boolean().default(true),
      exclude: z.array(z.string()).default([]),
      only: z.array(z.string()).default(['*.ts']),
      depth: z.number().default(0),
    });
    const json = announced(leanSchema(input, { compact: true }));
    expect(json.properties).toEqual({
      recursive: { type: 'boolean' },
      gitignore: { type: 'boolean', default: true },
      exclude: { type: 'array', items: { type: 'string' } },
      only: { type: 'array', items: { type: 'string' }, default: ['*.ts'] },
      depth: { type: 'number', default: 0 },
    });
    expect(leanSchema(input, { compact: true }).parse({})).toEqual({
      recursive: false,
      gitignore: true,
      exclude: [],
      only: ['*.ts'],
      depth: 0,
    });
  });

  it('writes integers without the safe-integer bounds and nullable fields as a type list', () => {
    const input = z.object({
      id: z.number().int(),
      count: z.number().int().max(50),
      milestone: z.number().int().nullable(),
      kind: z.enum(['a', 'b']).nullable(),
    });
    const json = announced(leanSchema(input, { compact: true }));
    expect(json.properties).toEqual({
      id: { type: 'integer' },
      count: { type: 'integer', maximum: 50 },
      milestone: { type: ['integer', 'null'] },
      // An enum branch keeps its anyOf: a type list cannot carry the enum's values for one branch.
      kind: { anyOf: [{ enum: ['a', 'b'] }, { type: 'null' }] },
    });
    const lean = leanSchema(input, { compact: true });
    expect(lean.safeParse({ id: 1.5, count: 1, milestone: null, kind: null }).success).toBe(false);
    expect(lean.safeParse({ id: 1, count: 51, milestone: null, kind: null }).success).toBe(false);
    expect(lean.safeParse({ id: 1, count: 5, milestone: null, kind: 'a' }).success).toBe(true);
  });

  it('still validates with the full schema', () => {
    const lean = leanSchema(shape, { terse: true });
    expect(lean.safeParse({ name: 'x', labels: [] }).success).toBe(false);
    expect(lean.safeParse({ name: 'x', required: { checks: [] }, labels: [{ id: 1 }] }).success).toBe(true);
  });
});

describe('leanAnnotations', () => {
  it('keeps what a host decides from and drops what the spec says carries nothing', () => {
    const read = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };
    expect(leanAnnotations(read)).toEqual({ readOnlyHint: true });
    const local = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
    expect(leanAnnotations(local)).toEqual({ readOnlyHint: true, openWorldHint: false });
    const del = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };
    expect(leanAnnotations(del)).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
    const write = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
    expect(JSON.parse(JSON.stringify(leanAnnotations(write)))).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
  });
});
