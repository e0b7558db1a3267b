import { InMemoryServerEventBus } from '@modelcontextprotocol/server';
export function createChangeFeed(onerror) {
    const bus = new InMemoryServerEventBus(onerror);
    const uriCounts = new Map();
    const listeningListeners = new Set();
    const resourceListeners = new Set();
    let listening = 0;
    // A listener that throws must not break the HTTP response or the other listeners.
    const safely = (run) => {
        try {
            run();
        }
        catch (error) {
            onerror?.(error instanceof Error ? error : new Error(String(error)));
        }
    };
    const tell = (uri, wanted) => {
        for (const listener of resourceListeners)
            safely(() => listener(uri, wanted));
    };
    const count = () => {
        for (const listener of listeningListeners)
            safely(() => listener(listening));
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
                if (before === 0)
                    tell(uri, true);
            }
            count();
            let released = false;
            return () => {
                if (released)
                    return;
                released = true;
                listening--;
                for (const uri of uris) {
                    const left = (uriCounts.get(uri) ?? 1) - 1;
                    if (left > 0)
                        uriCounts.set(uri, left);
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
export function forwardChanges(feed, server, onerror) {
    const stop = feed.bus.subscribe((event) => {
        // Through a promise so a synchronous throw is handled like a rejection.
        const sent = Promise.resolve().then(() => event.kind === 'resource_updated'
            ? server.server.sendResourceUpdated({ uri: event.uri })
            : event.kind === 'resources_list_changed'
                ? server.server.sendResourceListChanged()
                : event.kind === 'tools_list_changed'
                    ? server.server.sendToolListChanged()
                    : server.server.sendPromptListChanged());
        sent.catch((error) => {
            stop();
            onerror?.(error instanceof Error ? error : new Error(String(error)));
        });
    });
    return stop;
}
