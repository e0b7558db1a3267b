/**
 * Wraps the stdio transport so the feed knows which resource URIs the connection's 2026-era
 * listen subscriptions name. The SDK's stdio router keeps each filter to itself; the app needs the
 * URIs to know what to watch. A subscription ends on `notifications/cancelled`, on the final
 * answer to its listen request (a refusal or a graceful close), and when the connection closes.
 */
export function trackStdioListens(inner, feed) {
    const open = new Map();
    const end = (id) => {
        const release = open.get(id);
        if (!release)
            return;
        open.delete(id);
        release();
    };
    const endAll = () => {
        for (const id of [...open.keys()])
            end(id);
    };
    const wrapper = {
        start: () => inner.start(),
        send: (message, options) => {
            if (!('method' in message) && 'id' in message)
                end(message.id);
            return inner.send(message, options);
        },
        close: async () => {
            endAll();
            await inner.close();
        },
        setProtocolVersion: (version) => inner.setProtocolVersion?.(version),
    };
    inner.onmessage = (message, extra) => {
        if ('method' in message) {
            if (message.method === 'subscriptions/listen' && 'id' in message) {
                end(message.id);
                open.set(message.id, feed.open(listenedUris(message.params)));
            }
            else if (message.method === 'notifications/cancelled') {
                end(message.params?.requestId);
            }
        }
        wrapper.onmessage?.(message, extra);
    };
    inner.onclose = () => {
        endAll();
        wrapper.onclose?.();
    };
    inner.onerror = (error) => wrapper.onerror?.(error);
    return wrapper;
}
function listenedUris(params) {
    const uris = params?.notifications
        ?.resourceSubscriptions;
    return Array.isArray(uris) ? uris.filter((uri) => typeof uri === 'string') : [];
}
