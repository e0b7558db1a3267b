import type { Readable, Writable } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { encodeMessage } from './raw-json.js';

/**
 * The SDK's stdio transport, writing each message with `encodeMessage` so that raw JSON in a
 * result (see raw-json.ts) goes out as it is. Reading, closing and errors stay the SDK's; only
 * the encoding of an outgoing line is ours, with the same wait for a full pipe to drain.
 */
export class StdioTransport extends StdioServerTransport {
  readonly #out: Writable;
  #closed = false;

  constructor(stdin: Readable, stdout: Writable) {
    super(stdin, stdout);
    this.#out = stdout;
  }

  override async close(): Promise<void> {
    this.#closed = true;
    await super.close();
  }

  override send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('The stdio transport is closed'));
    const line = `${encodeMessage(message)}\n`;
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
        if (out.write(line)) settle();
        else out.once('drain', settle);
      } catch (error) {
        settle(error as Error);
      }
    });
  }
}
