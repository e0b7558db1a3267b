import type * as z from 'zod';
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
export declare function leanSchema<S extends z.ZodObject>(schema: S, options?: LeanSchemaOptions): S;
