import type { ServerContext } from '@modelcontextprotocol/server';
import type { ProgressReporter } from './tool.js';
/**
 * Progress for long operations. Throttled, because a walk of 100k files would otherwise send
 * 100k notifications and spend more time on JSON-RPC than on the walk.
 */
export declare function createProgressReporter(sdk: ServerContext): ProgressReporter;
/** Throws the standard AbortError when the call was cancelled; call it between units of work. */
export declare function throwIfAborted(signal: AbortSignal): void;
