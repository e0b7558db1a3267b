/**
 * A reply with extra content blocks (an image, an embedded resource) next to the structured
 * output. Tools that only return data return the data itself.
 */
export class ToolReply {
    structured;
    content;
    constructor(structured, content) {
        this.structured = structured;
        this.content = content;
    }
}
export function reply(structured, content) {
    return new ToolReply(structured, content);
}
/** A typed identity: it exists so a tool file reads as one declaration and TypeScript checks it. */
export function defineTool(definition) {
    return definition;
}
/**
 * `defineTool` with a server's deps type bound once, so handlers see `ctx.deps` typed:
 * `export const defineTool = toolsOf<MyDeps>()` in the server's deps file.
 */
export function toolsOf() {
    return defineTool;
}
/** Reads only; repeating a read changes nothing. */
export const readOnly = ({ openWorld }) => ({
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: openWorld,
});
/** Changes something, but only adds or updates: nothing existing is lost. */
export const writes = ({ openWorld, idempotent = false }) => ({
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: idempotent,
    openWorldHint: openWorld,
});
/** Can delete or overwrite what exists. */
export const destructive = ({ openWorld, idempotent = false }) => ({
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: idempotent,
    openWorldHint: openWorld,
});
/** A terse, stable text view of structured output: readable for a model, cheaper than pretty JSON. */
export function renderCompact(value) {
    return JSON.stringify(value);
}
