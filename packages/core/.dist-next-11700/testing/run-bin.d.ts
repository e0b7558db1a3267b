import type { Client } from '@modelcontextprotocol/client';
export interface BinRun {
    code: number | null;
    stdout: string;
    stderr: string;
}
/**
 * Runs a built server binary until it exits, for start-up behaviour (`--version`, a bad option's
 * one line and exit code 2). `env` replaces the environment, PATH aside, so no token leaks in.
 */
export declare function runBin(bin: string, args?: readonly string[], env?: Record<string, string>): Promise<BinRun>;
/**
 * Lists the tools and calls each with its arguments from `calls`: the list must name exactly those
 * tools, and every call must succeed with structured output. For end-to-end runs of a binary.
 */
export declare function callEveryTool(client: Client, calls: Record<string, Record<string, unknown>>): Promise<void>;
