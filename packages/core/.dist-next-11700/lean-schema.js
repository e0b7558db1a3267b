/**
 * The same schema, announcing its JSON Schema without the `$schema` URI. tools/list repeats that
 * URI twice per tool (input and output), about 110 bytes a tool that tell a model nothing; every
 * byte of tools/list is paid for in the model's context on every turn.
 */
export function leanSchema(schema, options = {}) {
    const standard = schema['~standard'];
    const strip = (convert) => (target) => {
        const { $schema: _uri, ...rest } = convert(target);
        return options.terse ? terse(rest) : rest;
    };
    const lean = Object.create(schema);
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
function terse(node) {
    if (Array.isArray(node))
        return node.map(terse);
    if (!node || typeof node !== 'object')
        return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
        if (key === 'required' && Array.isArray(value))
            continue;
        if (key === 'additionalProperties' && value === false)
            continue;
        out[key] = terse(value);
    }
    return out;
}
