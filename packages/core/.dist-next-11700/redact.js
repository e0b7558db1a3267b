const MIN_SECRET_LENGTH = 6;
const noSecrets = (text) => text;
export function createRedactor(secrets) {
    const values = secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
    if (values.length === 0)
        return noSecrets;
    // Longest first, so a secret that contains another is removed whole.
    values.sort((a, b) => b.length - a.length);
    return (text) => {
        let out = text;
        for (const secret of values)
            if (out.includes(secret))
                out = out.split(secret).join('[redacted]');
        return out;
    };
}
/** True when `redact` can change nothing, so callers can skip walking large values. */
export const redactsNothing = (redact) => redact === noSecrets;
/** Every string in `value` (object keys included) passed through `redact`; other values kept. */
export function redactDeep(value, redact) {
    if (typeof value === 'string')
        return redact(value);
    if (Array.isArray(value))
        return value.map((item) => redactDeep(item, redact));
    if (value !== null && typeof value === 'object') {
        const out = {};
        for (const [key, item] of Object.entries(value))
            out[redact(key)] = redactDeep(item, redact);
        return out;
    }
    return value;
}
/**
 * Security: every message an instance sends (tool results with their structured content and extra
 * blocks, resource contents, prompts, log notices, error data) passes `redact`, whatever code built
 * it. Patched on the transport itself rather than wrapped, so the SDK keeps the object it knows.
 */
export function redactOutgoing(transport, redact) {
    if (redactsNothing(redact))
        return transport;
    const send = transport.send.bind(transport);
    transport.send = (message, options) => send(redactDeep(message, redact), options);
    return transport;
}
