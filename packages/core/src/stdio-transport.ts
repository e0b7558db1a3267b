import type { Readable, Writable } from 'node:stream';
import { deserializeMessage, type JSONRPCMessage } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { encodeMessageParts } from './raw-json.js';
import { lineSplitter, STDIO_MESSAGE_LIMIT } from './stdio-guard.js';

/** What to do with a request over the line limit, which is dropped unread (see lineSplitter). */
export type RefuseOversized = (id: string | number | undefined, bytes: number) => void;

/**
 * The SDK's stdio transport with our reading and writing. Each message is written with
 * `encodeMessageParts`, so raw JSON in a result (see raw-json.ts) goes out as it is, in one
 * write of its pieces, with the same wait for a full pipe to drain. Incoming chunks are split into lines by `lineSplitter`, which
 * refuses an oversized request instead of letting the SDK's reader close the connection, and each
 * line is decoded as the SDK would; the SDK's buffer is never used. Starting, closing and the
 * stream events stay the SDK's.
 */
export class StdioTransport extends StdioServerTransport {
  readonly #out: Writable;
  #closed = false;

  constructor(
    stdin: Readable,
    stdout: Writable,
    refuse: RefuseOversized = () => {},
    limit = STDIO_MESSAGE_LIMIT,
  ) {
    super(stdin, stdout);
    this.#out = stdout;
    // The listener the SDK attaches to stdin in start() and removes in close().
    this._ondata = lineSplitter((line) => this.#receive(line), refuse, limit);
  }

  #receive(line: Buffer): void {
    // As the SDK's reader: a line that is not a JSON-RPC message is reported and skipped.
    try {
      this.onmessage?.(deserializeMessage(line.toString('utf8')));
    } catch (error) {
      this.onerror?.(error as Error);
    }
  }

  override async close(): Promise<void> {
    this.#closed = true;
    await super.close();
  }

  override send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('The stdio transport is closed'));
    const parts = encodeMessageParts(message);
    const out = this.#out;
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        out.off('error', settle);
        out.off('drain', settle);
        if (error) reject(error);
        else resolve();
      };
      out.once('error', settle);
      try {
        if (write(out, parts)) settle();
        else out.once('drain', settle);
      } catch (error) {
        settle(error as Error);
      }
    });
  }
}

/** The pieces and a newline as one write (a message with raw JSON comes in several pieces). */
function write(out: Writable, parts: string[]): boolean {
  if (parts.length === 1) return out.write(`${parts[0]}\n`);
  out.cork();
  try {
    for (let i = 0; i < parts.length - 1; i++) out.write(parts[i] as string);
    return out.write(`${parts[parts.length - 1]}\n`);
  } finally {
    out.uncork();
  }
}
