import * as z from 'zod';

/**
 * github-mcp-server's `fields` argument on list and search tools: the model names the fields it
 * wants (by github-mcp-server's names, GitHub's snake_case) and each item comes back with just
 * those, plus the ones that identify it. Each upstream name maps to our output keys; a field our
 * summary leaves out is read from GitHub's item only when asked for, so the default answer stays
 * as short as before.
 */

/** Our output keys an upstream field name stands for, or the extra keys it adds from the raw item. */
type Source<Raw> = readonly string[] | ((raw: Raw) => Record<string, unknown>);

/**
 * `base` is the item as the tool returns it; `keep` its identifying keys, always returned;
 * `extra` the schemas of the keys that only a chosen field adds.
 */
export function fieldSelection<
  Raw,
  Shape extends z.ZodRawShape,
  Extra extends z.ZodRawShape = Record<never, z.ZodType>,
  Keep extends keyof Shape & string = never,
>(spec: {
  base: z.ZodObject<Shape>;
  keep: readonly Keep[];
  fields: Record<string, Source<Raw>>;
  extra?: Extra;
}) {
  const names = Object.keys(spec.fields);
  const shape: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(spec.base.shape) as Array<[string, z.ZodType]>)
    shape[key] = (spec.keep as readonly string[]).includes(key) ? schema : schema.optional();
  for (const [key, schema] of Object.entries(spec.extra ?? {}) as Array<[string, z.ZodType]>)
    shape[key] = schema.optional();
  const item = z.object(shape) as unknown as z.ZodObject<
    { [K in keyof Shape]: K extends Keep ? Shape[K] : z.ZodOptional<Shape[K]> } & {
      [K in keyof Extra]: z.ZodOptional<Extra[K]>;
    }
  >;
  return {
    // No enum in the schema: the names would cost every host's context more than the default
    // toolsets' tools/list budget allows; a wrong name is refused with the list of known ones.
    arg: z
      .array(z.unknown())
      .refine((chosen) => chosen.every((f) => names.includes(f as string)), {
        error: (issue) => {
          const unknown = (issue.input as unknown[]).filter((f) => !names.includes(f as string));
          return `Unknown fields: ${unknown.join(', ')}. Known: ${names.join(', ')}.`;
        },
      })
      .optional(),
    item,
    pick(fields: readonly unknown[] | undefined, summary: Record<string, unknown>, raw: Raw) {
      if (!fields?.length) return summary as z.output<typeof item>;
      const out: Record<string, unknown> = {};
      for (const key of spec.keep) if (key in summary) out[key] = summary[key];
      for (const name of fields) {
        const source = spec.fields[name as string];
        if (typeof source === 'function') Object.assign(out, source(raw));
        else for (const key of source ?? []) if (key in summary) out[key] = summary[key];
      }
      return out as z.output<typeof item>;
    },
  };
}
