const LISTEN = 'subscriptions/listen';
/** 2026-era requests name their method in a required header the SDK checks against the body. */
export function isListenRequest(request) {
    return request.method === 'POST' && request.headers.get('mcp-method') === LISTEN;
}
/**
 * Serves a `subscriptions/listen` request through `serve` and tells the feed, for as long as the
 * response stream is open, which resource URIs the stream asked about.
 */
export async function serveListen(request, feed, serve, maxBodyBytes = 4 * 1024 * 1024) {
    const uris = await requestedUris(request.clone(), maxBodyBytes);
    const response = await serve(request);
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream'))
        return response;
    const release = feed.open(uris);
    return new Response(onEnd(response.body, release), response);
}
async function requestedUris(request, maxBodyBytes) {
    // The handler answers malformed and oversized bodies itself; here they just ask for nothing.
    const text = await readBounded(request, maxBodyBytes);
    let body;
    try {
        body = text === undefined ? undefined : JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    const uris = body?.params?.notifications?.resourceSubscriptions;
    return Array.isArray(uris) ? uris.filter((uri) => typeof uri === 'string') : [];
}
/** The body as text, or undefined past `limit` bytes: the size check must not wait for the handler. */
async function readBounded(request, limit) {
    const reader = request.body?.getReader();
    if (!reader)
        return undefined;
    const chunks = [];
    let size = 0;
    for (;;) {
        const chunk = await reader.read().catch(() => undefined);
        if (!chunk)
            return undefined;
        if (chunk.done)
            break;
        size += chunk.value.byteLength;
        if (size > limit) {
            // Not awaited: cancelling one branch of a cloned body settles only once the other branch
            // (the handler's) is done too.
            void reader.cancel().catch(() => { });
            return undefined;
        }
        chunks.push(chunk.value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
/** The same bytes, plus a call when the stream ends, fails or the client goes away. */
function onEnd(body, done) {
    const reader = body.getReader();
    return new ReadableStream({
        async pull(controller) {
            try {
                const chunk = await reader.read();
                if (chunk.done) {
                    done();
                    controller.close();
                }
                else
                    controller.enqueue(chunk.value);
            }
            catch (error) {
                done();
                controller.error(error);
            }
        },
        cancel(reason) {
            done();
            return reader.cancel(reason);
        },
    });
}
