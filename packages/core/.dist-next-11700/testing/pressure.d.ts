import type { Client } from '@modelcontextprotocol/client';
export interface Pressure<T> {
    /** What `work` returned, or the error it threw. */
    outcome: {
        ok: true;
        value: T;
    } | {
        ok: false;
        error: unknown;
    };
    /** The slowest ping answered while the work ran (ms); a frozen event loop shows up here. */
    maxPingMs: number;
    /** How many pings were answered while the work ran. */
    pings: number;
    /** The server process's peak resident memory in bytes (Linux `VmHWM`), when its pid is known. */
    peakRssBytes: number | undefined;
}
/**
 * Runs `work` (usually one hostile call) while pinging the same server through `pinger` every
 * `intervalMs`, and reports how late the pings came back and how much memory the server process
 * reached. For hostile-input tests: a server shared by many users must keep answering while any
 * single call runs. Assert generous bounds in tests; the bench measures the real numbers.
 */
export declare function underPressure<T>(pinger: Client, pid: number | null | undefined, work: () => Promise<T>, { intervalMs }?: {
    intervalMs?: number;
}): Promise<Pressure<T>>;
