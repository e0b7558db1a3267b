import type { IncomingMessage, ServerResponse } from 'node:http';
/**
 * Answers 413 for a body whose declared length is over the limit, without keeping any of it.
 * The body is read and thrown away before the answer goes out: a client still sending when the
 * server closes the connection sees a reset ("fetch failed") instead of the 413 that says why,
 * and which of the two it sees depends on timing. Bodies without a declared length are left to
 * the SDK adapter, which counts as it reads.
 */
export declare function refuseOversizedBody(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): boolean;
