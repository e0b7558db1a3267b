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
  /**
   * For output schemas: announce the top-level fields only, each with its description and enum
   * but no type, and no nested shapes. A model learns what a call returns (the field names) and
   * reads the values in the result; the rest costs every turn's context, about 200 bytes a tool.
   * Results are still checked against the full zod schema before they are sent, and a client
   * checking them against the outline accepts them.
   */
  outline?: boolean;
  /**
   * For input schemas: leave out what restates the obvious, never a limit that matters: `type`
   * next to an `enum` (the values say it), `minLength: 1` and `minimum: 1`, the ±2^53-1 bounds
   * zod gives every integer, `default: false` and `default: []` (what an omitted flag or list
   * means), `additionalProperties: false` (unknown arguments are dropped, not refused), and
   * `anyOf` with `null` where a type list says the same. Input is
   * still checked against the full zod schema, so an empty string or a zero gets the same clear
   * error.
   */
  compact?: boolean;
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
        if (options.outline) lean = outline(rest);
        else if (options.compact) lean = compact(rest) as JsonSchema;
        else lean = options.terse ? (terse(rest) as JsonSchema) : rest;
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

/** The object's fields by name, each with only its description and enum. */
function outline(schema: JsonSchema): JsonSchema {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const fields: JsonSchema = {};
  for (const [name, field] of Object.entries(properties)) {
    fields[name] = {
      ...(field.description !== undefined && { description: field.description }),
      ...(field.enum !== undefined && { enum: field.enum }),
    };
  }
  return { type: 'object', properties: fields };
}

/** Walks keywords only: a property named `type` or `minimum` is a schema under `properties`. */
function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (!node || typeof node !== 'object') return node;
  const schema = orNull(node as JsonSchema);
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && Array.isArray(schema.enum)) continue;
    if ((key === 'minLength' || key === 'minimum') && value === 1) continue;
    if (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) continue;
    if (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) continue;
    // An omitted flag is off and an omitted list is empty: saying so is what leaving it out means.
    if (key === 'default' && (value === false || (Array.isArray(value) && value.length === 0))) continue;
    // Arguments the schema does not name are dropped before a handler sees them, not refused:
    // `additionalProperties: false` would promise a refusal that never comes.
    if (key === 'additionalProperties' && value === false) continue;
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, field]) => [name, compact(field)]));
    } else out[key] = typeof value === 'object' ? compact(value) : value;
  }
  return out;
}

/**
 * `{anyOf: [{type: 'integer', …}, {type: 'null'}]}` (what zod writes for a nullable field) as
 * `{type: ['integer', 'null'], …}`: the same set of values in half the bytes. Left alone when the
 * other branch is not a plain single-type schema.
 */
function orNull(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return schema;
  const nullAt = branches.findIndex(
    (b) => b && (b as JsonSchema).type === 'null' && Object.keys(b).length === 1,
  );
  if (nullAt === -1) return schema;
  const other = branches[1 - nullAt] as JsonSchema;
  if (!other || typeof other.type !== 'string' || 'anyOf' in other || 'enum' in other) return schema;
  const { anyOf: _anyOf, ...rest } = schema;
  return { ...rest, ...other, type: [other.type, 'null'] };
}

interface Hints {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/**
 * The same hints as the spec reads them, without the ones it says carry nothing: `destructiveHint`
 * and `idempotentHint` are meaningful only when `readOnlyHint` is false, and `openWorldHint: true`
 * is the default. `readOnlyHint` and a write tool's `destructiveHint` stay explicit, because hosts
 * decide what to ask the user from them.
 */
export function leanAnnotations<A extends Hints>(hints: A): Partial<A> {
  const { destructiveHint, idempotentHint, openWorldHint, ...rest } = hints;
  return {
    ...rest,
    ...(hints.readOnlyHint !== true && { destructiveHint, idempotentHint }),
    ...(openWorldHint === false && { openWorldHint }),
  } as Partial<A>;
}
