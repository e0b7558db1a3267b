import type { ChangeFeed } from './changes.js';

const LISTEN = 'subscriptions/listen';

/** 2026-era requests name their method in a required header the SDK checks against the body. */
export function isListenRequest(request: { method: string; headers: Headers }): boolean {
  return request.method === 'POST' && request.headers.get('mcp-method') === LISTEN;
}

/**
 * Serves a `subscriptions/listen` request through `serve` and tells the feed, for as long as the
 * response stream is open, which resource URIs the stream asked about (from `body`, the request's
 * parsed body: the handler answers malformed ones itself, which then ask for nothing).
 */
export async function serveListen(
  request: Request,
  body: unknown,
  feed: ChangeFeed,
  serve: (request: Request) => Promise<Response>,
): Promise<Response> {
  const uris = requestedUris(body);
  const response = await serve(request);
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream'))
    return response;
  const release = feed.open(uris);
  return new Response(onEnd(response.body, release), response);
}

function requestedUris(body: unknown): string[] {
  const uris = (body as { params?: { notifications?: { resourceSubscriptions?: unknown } } } | undefined)
    ?.params?.notifications?.resourceSubscriptions;
  return Array.isArray(uris) ? uris.filter((uri): uri is string => typeof uri === 'string') : [];
}

/** The same bytes, plus a call when the stream ends, fails or the client goes away. */
function onEnd(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          done();
          controller.close();
        } else controller.enqueue(chunk.value);
      } catch (error) {
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
