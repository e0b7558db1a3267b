import type { JSONRPCMessage, RequestId, Transport } from '@modelcontextprotocol/server';
import type { ChangeFeed } from './changes.js';

/**
 * Wraps the stdio transport so the feed knows which resource URIs the connection's 2026-era
 * listen subscriptions name. The SDK's stdio router keeps each filter to itself; the app needs the
 * URIs to know what to watch. A subscription ends on `notifications/cancelled`, on the final
 * answer to its listen request (a refusal or a graceful close), and when the connection closes.
 */
export function trackStdioListens(inner: Transport, feed: ChangeFeed): Transport {
  const open = new Map<RequestId, () => void>();
  const end = (id: unknown) => {
    const release = open.get(id as RequestId);
    if (!release) return;
    open.delete(id as RequestId);
    release();
  };
  const endAll = () => {
    for (const id of [...open.keys()]) end(id);
  };
  const wrapper: Transport = {
    start: () => inner.start(),
    send: (message: JSONRPCMessage, options) => {
      if (!('method' in message) && 'id' in message) end(message.id);
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
      } else if (message.method === 'notifications/cancelled') {
        end((message.params as { requestId?: unknown } | undefined)?.requestId);
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

function listenedUris(params: unknown): string[] {
  const uris = (params as { notifications?: { resourceSubscriptions?: unknown } } | undefined)?.notifications
    ?.resourceSubscriptions;
  return Array.isArray(uris) ? uris.filter((uri): uri is string => typeof uri === 'string') : [];
}
