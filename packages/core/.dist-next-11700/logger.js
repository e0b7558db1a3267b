/**
 * Structured logging to stderr. On stdio, stdout carries JSON-RPC and a single stray byte there
 * breaks the client, so nothing in refmcp ever logs to stdout.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'];
const RANK = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
export function isLogLevel(value) {
    return LOG_LEVELS.includes(value);
}
export function createLogger(options) {
    const level = options.level ?? 'info';
    const redact = options.redact ?? ((text) => text);
    const write = options.write ?? ((line) => process.stderr.write(line));
    const emit = (at, message, fields) => {
        if (RANK[at] < RANK[level])
            return;
        const record = {
            time: new Date().toISOString(),
            level: at,
            logger: options.name,
            msg: message,
            ...fields,
        };
        write(`${redact(JSON.stringify(record, errorReplacer))}\n`);
    };
    return {
        level,
        debug: (message, fields) => emit('debug', message, fields),
        info: (message, fields) => emit('info', message, fields),
        warn: (message, fields) => emit('warn', message, fields),
        error: (message, fields) => emit('error', message, fields),
        child: (name) => createLogger({ ...options, level, name: `${options.name}:${name}` }),
        withRedaction: (more) => createLogger({ ...options, level, redact: (text) => more(redact(text)) }),
    };
}
function errorReplacer(_key, value) {
    if (value instanceof Error)
        return { name: value.name, message: value.message, stack: value.stack };
    return value;
}
/**
 * A logger that also sends each line to the client as an MCP log notification. The SDK applies the
 * client's `logging/setLevel` filter; a failed send (closed stream, era without push) is ignored.
 */
export function echoToClient(logger, name, send) {
    const both = (at, clientLevel) => (message, fields) => {
        logger[at](message, fields);
        send(clientLevel, fields ? { message, ...fields } : message, name).catch(() => { });
    };
    return {
        level: logger.level,
        debug: both('debug', 'debug'),
        info: both('info', 'info'),
        warn: both('warn', 'warning'),
        error: both('error', 'error'),
        child: (child) => echoToClient(logger.child(child), `${name}:${child}`, send),
        withRedaction: (redact) => echoToClient(logger.withRedaction(redact), name, send),
    };
}
