/** Polls `check` every 10 ms until it holds; throws naming `what` after `timeoutMs`. */
export declare function waitUntil(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
