export interface HttpBin {
    /** The MCP endpoint the server logged, e.g. `http://127.0.0.1:41234/mcp`. */
    url: URL;
    /** What the server wrote to stderr so far (the last 50,000 characters). */
    stderr(): string;
    pid: number | undefined;
    /** False once the process has exited. */
    readonly alive: boolean;
    /** SIGTERM (the server drains running calls), then resolves when the process has exited. */
    stop(): Promise<void>;
    /** SIGKILL, a crash with no drain, then resolves when the process has exited. */
    kill(): Promise<void>;
}
/**
 * Starts a built server binary in HTTP mode on a free port (`--http --port 0`) and waits for the
 * "serving Streamable HTTP" log line on stderr to learn its URL.
 */
export declare function spawnHttpBin(options: {
    command: string;
    args?: string[];
    env?: Record<string, string>;
    timeoutMs?: number;
}): Promise<HttpBin>;
