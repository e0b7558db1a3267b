import type { ChangeFeed } from './changes.js';
/** 2026-era requests name their method in a required header the SDK checks against the body. */
export declare function isListenRequest(request: {
    method: string;
    headers: Headers;
}): boolean;
/**
 * Serves a `subscriptions/listen` request through `serve` and tells the feed, for as long as the
 * response stream is open, which resource URIs the stream asked about.
 */
export declare function serveListen(request: Request, feed: ChangeFeed, serve: (request: Request) => Promise<Response>, maxBodyBytes?: number): Promise<Response>;
