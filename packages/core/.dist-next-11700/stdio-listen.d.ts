import type { Transport } from '@modelcontextprotocol/server';
import type { ChangeFeed } from './changes.js';
/**
 * Wraps the stdio transport so the feed knows which resource URIs the connection's 2026-era
 * listen subscriptions name. The SDK's stdio router keeps each filter to itself; the app needs the
 * URIs to know what to watch. A subscription ends on `notifications/cancelled`, on the final
 * answer to its listen request (a refusal or a graceful close), and when the connection closes.
 */
export declare function trackStdioListens(inner: Transport, feed: ChangeFeed): Transport;
