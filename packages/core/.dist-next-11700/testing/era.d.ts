import type { ClientOptions } from '@modelcontextprotocol/client';
/** `legacy` is the 2025-11-25 `initialize` handshake; `modern` pins the stateless 2026-07-28 era. */
export type TestEra = 'legacy' | 'modern';
export declare const MODERN_VERSION = "2026-07-28";
export declare function clientOptionsFor(era: TestEra, extra?: ClientOptions): ClientOptions;
