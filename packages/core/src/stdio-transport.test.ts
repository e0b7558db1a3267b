import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rawJson } from './raw-json.js';
import { type RefuseOversized, StdioTransport } from './stdio-transport.js';

function pipes(highWaterMark?: number, refuse?: RefuseOversized) {
  const stdin = new PassThrough();
  const stdout = new PassThrough(highWaterMark === undefined ? {} : { highWaterMark });
  return { stdin, stdout, transport: new StdioTransport(stdin, stdout, refuse, 1000) };
}

// The pieces of one message may sit in the stream as several chunks; read them all.
function buffered(stream: PassThrough): string {
  const chunks: Buffer[] = [];
  for (let chunk = stream.read(); chunk !== null; chunk = stream.read()) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

describe('StdioTransport', () => {
  it('writes one line per message, raw JSON spliced in as it is', async () => {
    const { stdout, transport } = pipes();
    await transport.start();
    const result = { structuredContent: { rows: rawJson('[[1, "a"]]') } } as never;
    await transport.send({ jsonrpc: '2.0', id: 7, result });
    expect(buffered(stdout)).toBe(
      '{"jsonrpc":"2.0","id":7,"result":{"structuredContent":{"rows":[[1, "a"]]}}}\n',
    );
    await transport.close();
  });

  it('writes a message of several raw pieces as one whole line, after the last one and before the next', async () => {
    const { stdout, transport } = pipes(16);
    await transport.start();
    const big = JSON.stringify(Array.from({ length: 500 }, (_, i) => [i, `row ${i}`]));
    const message = (id: number) =>
      ({ jsonrpc: '2.0', id, result: { a: rawJson(big), b: 'between', c: rawJson('[2]') } }) as never;
    const sent = [transport.send({ jsonrpc: '2.0', id: 0, result: {} }), transport.send(message(1))];
    sent.push(transport.send(message(2)));
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    await Promise.all(sent);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines.map((line) => (line ? (JSON.parse(line) as { id: number }).id : line))).toEqual([
      0,
      1,
      2,
      '',
    ]);
    expect(JSON.parse(lines[2] as string)).toEqual({
      jsonrpc: '2.0',
      id: 2,
      result: { a: JSON.parse(big), b: 'between', c: [2] },
    });
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

  it('hands the reader each message that arrives on stdin, in order, split across chunks or not', async () => {
    const { stdin, transport } = pipes();
    const received: unknown[] = [];
    transport.onmessage = (message) => received.push(message);
    await transport.start();
    stdin.write('{"jsonrpc":"2.0","id":3,"method":"ping"}\n{"jsonrpc":"2.0","id":4,');
    stdin.write('"method":"ping"}\r\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([
      { jsonrpc: '2.0', id: 3, method: 'ping' },
      { jsonrpc: '2.0', id: 4, method: 'ping' },
    ]);
    await transport.close();
  });

  it('reports a line that is not a JSON-RPC message and reads on', async () => {
    const { stdin, transport } = pipes();
    const received: unknown[] = [];
    const errors: string[] = [];
    transport.onmessage = (message) => received.push(message);
    transport.onerror = (error) => errors.push(error.message);
    await transport.start();
    stdin.write('not json\n{"jsonrpc":"2.0","id":"x"}\n{"jsonrpc":"2.0","id":5,"method":"ping"}\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(2);
    expect(received).toEqual([{ jsonrpc: '2.0', id: 5, method: 'ping' }]);
    await transport.close();
  });

  it('refuses a line over its limit by the request id and keeps the connection', async () => {
    const refused: unknown[] = [];
    const { stdin, transport } = pipes(undefined, (id, bytes) => refused.push(id, bytes));
    const received: unknown[] = [];
    let closed = false;
    transport.onmessage = (message) => received.push(message);
    transport.onclose = () => {
      closed = true;
    };
    await transport.start();
    const big = `{"jsonrpc":"2.0","id":8,"method":"m","params":{"t":"${'x'.repeat(2000)}"}}\n`;
    stdin.write(`${big}{"jsonrpc":"2.0","id":9,"method":"ping"}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(refused).toEqual([8, big.length]);
    expect(received).toEqual([{ jsonrpc: '2.0', id: 9, method: 'ping' }]);
    expect(closed).toBe(false);
    await transport.close();
  });

  it('closes when stdin ends', async () => {
    const { stdin, transport } = pipes();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = resolve;
    });
    await transport.start();
    stdin.end();
    stdin.resume();
    await closed;
  });
});
