import type * as z from 'zod';

type JsonSchema = { [key: string]: unknown };
type JsonSchemaFn = (options: { target: string }) => JsonSchema;

export interface LeanSchemaOptions {
  /**
   * Also drop `required` lists and `additionalProperties: false` at every depth. For output
   * schemas: they repeat every field name and close every object, about 130 bytes a tool that tell
   * a model reading results nothing it needs. Results are still checked against the full zod
   * schema before they are sent.
   */
  terse?: boolean;
}

/**
 * The same schema, announcing its JSON Schema without the `$schema` URI. tools/list repeats that
 * URI twice per tool (input and output), about 110 bytes a tool that tell a model nothing; every
 * byte of tools/list is paid for in the model's context on every turn.
 */
export function leanSchema<S extends z.ZodObject>(schema: S, options: LeanSchemaOptions = {}): S {
  const standard = schema['~standard'] as (typeof schema)['~standard'] & {
    jsonSchema: { input: JsonSchemaFn; output: JsonSchemaFn };
  };
  // Converted once per target and kept: tools/list and every tools/call (which projects results
  // against the listed output schema) would otherwise convert the zod schema again each time.
  // Callers only read the result (the SDK serialises it), so one object can serve them all.
  const strip = (convert: JsonSchemaFn): JsonSchemaFn => {
    const converted = new Map<string, JsonSchema>();
    return (target) => {
      let lean = converted.get(target.target);
      if (!lean) {
        const { $schema: _uri, ...rest } = convert(target);
        lean = options.terse ? (terse(rest) as JsonSchema) : rest;
        converted.set(target.target, lean);
      }
      return lean;
    };
  };
  const lean = Object.create(schema) as S;
  Object.defineProperty(lean, '~standard', {
    value: {
      ...standard,
      jsonSchema: { input: strip(standard.jsonSchema.input), output: strip(standard.jsonSchema.output) },
    },
  });
  return lean;
}

/**
 * Drops the keywords, not fields that happen to share their names: a property called `required`
 * is a schema object under `properties`, the keyword is an array of names.
 */
function terse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(terse);
  if (!node || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value)) continue;
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = terse(value);
  }
  return out;
}
