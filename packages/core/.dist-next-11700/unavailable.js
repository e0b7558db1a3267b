/**
 * A call to a tool the server knows but does not offer (a write tool in read-only mode) gets the
 * SDK's "Tool X not found". The model then guesses at a typo; this says why instead, e.g. "Tool
 * write_query is not offered: the server runs in read-only mode (--read-only …)." Patched on the transport, like
 * redaction, because the SDK answers unknown tools before any handler of ours runs.
 */
export function explainUnavailable(transport, unavailable) {
    if (unavailable.size === 0)
        return transport;
    const send = transport.send.bind(transport);
    transport.send = (message, options) => {
        if ('error' in message) {
            const name = /^Tool (.+) not found$/.exec(message.error.message)?.[1];
            const why = name === undefined ? undefined : unavailable.get(name);
            if (why)
                message = {
                    ...message,
                    error: { ...message.error, message: `Tool ${name} is not offered: ${why}.` },
                };
        }
        return send(message, options);
    };
    return transport;
}
/** The app's instructions plus one line per reason naming the tools it keeps out, so a model asking knows. */
export function withUnavailable(instructions, unavailable) {
    if (unavailable.size === 0)
        return instructions;
    const byReason = new Map();
    for (const [name, why] of unavailable)
        byReason.set(why, [...(byReason.get(why) ?? []), name]);
    const lines = [...byReason].map(([why, names]) => `Not offered: ${names.join(', ')}; ${why}.`);
    return [instructions, ...lines].filter(Boolean).join('\n');
}
