/**
 * Upstream answers read with a byte limit. Many users share one server over HTTP, so a single
 * answer must not be able to take its memory or its event loop: a list of 100,000 GitHub issues
 * used to be read whole, parsed whole and mapped whole (2.9 GB resident, pings unanswered for 23 s),
 * and a Slack history page holding one 50 MB message took 550 MB. Now the body is counted as it
 * arrives and the connection is dropped the moment it passes the cap. The count is of decoded
 * bytes, so a small compressed answer that inflates to a huge one is refused too.
 */
/** An answer longer than the cap, refused while it was being read. */
export declare class ResponseTooLargeError extends Error {
    readonly limitBytes: number;
    constructor(limitBytes: number);
}
/** `8 MiB`, `512 KiB`, `1.5 MiB`: for messages. */
export declare function formatBytes(bytes: number): string;
/**
 * `fetch` that reads the whole body before handing the response on, and throws
 * ResponseTooLargeError as soon as it passes `maxBytes` (a declared Content-Length past the cap is
 * refused before reading). The body is buffered rather than passed on as a counting stream
 * because the API clients catch errors from reading a body and carry on with an empty one.
 */
export declare function boundedFetch(maxBytes: number, base?: typeof fetch): typeof fetch;
/** The ResponseTooLargeError somewhere in an error's `cause` chain (clients wrap what fetch throws). */
export declare function tooLargeIn(error: unknown): ResponseTooLargeError | undefined;
