import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rawJson } from './raw-json.js';
import { StdioTransport } from './stdio-transport.js';

function pipes(highWaterMark?: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough(highWaterMark === undefined ? {} : { highWaterMark });
  return { stdin, stdout, transport: new StdioTransport(stdin, stdout) };
}

describe('StdioTransport', () => {
  it('writes one line per message, raw JSON spliced in as it is', async () => {
    const { stdout, transport } = pipes();
    await transport.start();
    const result = { structuredContent: { rows: rawJson('[[1, "a"]]') } } as never;
    await transport.send({ jsonrpc: '2.0', id: 7, result });
    expect(stdout.read()?.toString('utf8')).toBe(
      '{"jsonrpc":"2.0","id":7,"result":{"structuredContent":{"rows":[[1, "a"]]}}}\n',
    );
    await transport.close();
  });

  it('settles a send once a full pipe drains, and refuses sends after close', async () => {
    const { stdout, transport } = pipes(16);
    await transport.start();
    let settled = false;
    const sent = transport
      .send({ jsonrpc: '2.0', id: 1, result: { text: 'x'.repeat(1000) } as never })
      .then(() => {
        settled = true;
      });
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    stdout.resume();
    await sent;
    expect(settled).toBe(true);
    await transport.close();
    await expect(transport.send({ jsonrpc: '2.0', id: 2, result: {} })).rejects.toThrow(/closed/);
  });

  it('hands the reader the messages that arrive on stdin', async () => {
    const { stdin, transport } = pipes();
    const received: unknown[] = [];
    transport.onmessage = (message) => received.push(message);
    await transport.start();
    stdin.write('{"jsonrpc":"2.0","id":3,"method":"ping"}\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([{ jsonrpc: '2.0', id: 3, method: 'ping' }]);
    await transport.close();
  });
});
