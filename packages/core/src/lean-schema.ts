import type * as z from 'zod';

type JsonSchemaFn = (options: { target: string }) => Record<string, unknown>;

/**
 * The same schema, announcing its JSON Schema without the `$schema` URI. tools/list repeats that
 * URI twice per tool (input and output), about 110 bytes a tool that tell a model nothing; every
 * byte of tools/list is paid for in the model's context on every turn.
 */
export function leanSchema<S extends z.ZodObject>(schema: S): S {
  const standard = schema['~standard'] as (typeof schema)['~standard'] & {
    jsonSchema: { input: JsonSchemaFn; output: JsonSchemaFn };
  };
  const strip =
    (convert: JsonSchemaFn): JsonSchemaFn =>
    (options) => {
      const { $schema: _uri, ...rest } = convert(options);
      return rest;
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
