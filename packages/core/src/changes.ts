import { InMemoryServerEventBus, type McpServer, type ServerEventBus } from '@modelcontextprotocol/server';

/**
 * Change notices for the 2026-era `subscriptions/listen` streams that the HTTP handler serves
 * itself, outside any server instance (a connected instance, over stdio or in a 2025 session,
 * sends its own). An app publishes here and learns what open streams ask for, so it only watches
 * files or polls a database while someone listens.
 */
export interface ChangeFeed {
  /** What the HTTP handler's listen streams subscribe to. */
  readonly bus: ServerEventBus;
  resourceUpdated(uri: string): void;
  resourcesChanged(): void;
  toolsChanged(): void;
  promptsChanged(): void;
  /** Open listen streams. */
  readonly listening: number;
  /** Resource URIs at least one open stream asked about. */
  readonly resourceUris: ReadonlySet<string>;
  /** Called with the new count whenever a stream opens or closes. Returns a function that stops it. */
  onListening(listener: (count: number) => void): () => void;
  /**
   * Called when the first open stream asks about `uri` (`wanted` true) and when the last one that
   * asked closes (`wanted` false). Returns a function that stops it.
   */
  onResource(listener: (uri: string, wanted: boolean) => void): () => void;
  /** For the HTTP layer: one stream opened with these resource URIs; returns its release. */
  open(resourceUris: readonly string[]): () => void;
}

export function createChangeFeed(onerror?: (error: Error) => void): ChangeFeed {
  const bus = new InMemoryServerEventBus(onerror);
  const uriCounts = new Map<string, number>();
  const listeningListeners = new Set<(count: number) => void>();
  const resourceListeners = new Set<(uri: string, wanted: boolean) => void>();
  let listening = 0;

  // A listener that throws must not break the HTTP response or the other listeners.
  const safely = (run: () => void) => {
    try {
      run();
    } catch (error) {
      onerror?.(error instanceof Error ? error : new Error(String(error)));
    }
  };
  const tell = (uri: string, wanted: boolean) => {
    for (const listener of resourceListeners) safely(() => listener(uri, wanted));
  };
  const count = () => {
    for (const listener of listeningListeners) safely(() => listener(listening));
  };

  return {
    bus,
    resourceUpdated: (uri) => bus.publish({ kind: 'resource_updated', uri }),
    resourcesChanged: () => bus.publish({ kind: 'resources_list_changed' }),
    toolsChanged: () => bus.publish({ kind: 'tools_list_changed' }),
    promptsChanged: () => bus.publish({ kind: 'prompts_list_changed' }),
    get listening() {
      return listening;
    },
    get resourceUris() {
      return new Set(uriCounts.keys());
    },
    onListening(listener) {
      listeningListeners.add(listener);
      return () => listeningListeners.delete(listener);
    },
    onResource(listener) {
      resourceListeners.add(listener);
      return () => resourceListeners.delete(listener);
    },
    open(resourceUris) {
      const uris = [...new Set(resourceUris)];
      listening++;
      for (const uri of uris) {
        const before = uriCounts.get(uri) ?? 0;
        uriCounts.set(uri, before + 1);
        if (before === 0) tell(uri, true);
      }
      count();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        listening--;
        for (const uri of uris) {
          const left = (uriCounts.get(uri) ?? 1) - 1;
          if (left > 0) uriCounts.set(uri, left);
          else {
            uriCounts.delete(uri);
            tell(uri, false);
          }
        }
        count();
      };
    },
  };
}

/**
 * Sends what is published to the feed as notifications from one connected 2026-era instance
 * (stdio): the SDK's stdio router then hands each to the listen subscriptions whose filter
 * accepts it. Stops at the first notice that cannot be sent: the connection is gone, or the
 * instance was a probe that never served one. Returns a function that stops forwarding.
 */
export function forwardChanges(
  feed: ChangeFeed,
  server: McpServer,
  onerror?: (error: Error) => void,
): () => void {
  const stop = feed.bus.subscribe((event) => {
    // Through a promise so a synchronous throw is handled like a rejection.
    const sent = Promise.resolve().then(() =>
      event.kind === 'resource_updated'
        ? server.server.sendResourceUpdated({ uri: event.uri })
        : event.kind === 'resources_list_changed'
          ? server.server.sendResourceListChanged()
          : event.kind === 'tools_list_changed'
            ? server.server.sendToolListChanged()
            : server.server.sendPromptListChanged(),
    );
    sent.catch((error: unknown) => {
      stop();
      onerror?.(error instanceof Error ? error : new Error(String(error)));
    });
  });
  return stop;
}
