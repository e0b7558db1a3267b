import { type McpServer, type ServerEventBus } from '@modelcontextprotocol/server';
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
export declare function createChangeFeed(onerror?: (error: Error) => void): ChangeFeed;
/**
 * Sends what is published to the feed as notifications from one connected 2026-era instance
 * (stdio): the SDK's stdio router then hands each to the listen subscriptions whose filter
 * accepts it. Stops at the first notice that cannot be sent: the connection is gone, or the
 * instance was a probe that never served one. Returns a function that stops forwarding.
 */
export declare function forwardChanges(feed: ChangeFeed, server: McpServer, onerror?: (error: Error) => void): () => void;
