/** Calls a tool and returns the parts tests assert on. Protocol errors still throw. */
export async function callTool(client, name, args = {}, options) {
    const raw = await client.callTool({ name, arguments: args }, options);
    const content = (raw.content ?? []);
    const text = content
        .filter((block) => block.type === 'text')
        .map((block) => block.text)
        .join('\n');
    return { isError: raw.isError === true, text, structured: raw.structuredContent, raw };
}
