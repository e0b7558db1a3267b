import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedFetch, formatBytes, ResponseTooLargeError, tooLargeIn } from './bounded-fetch.js';

/** Each path answers differently; `hungUp` resolves when the client drops a streamed answer. */
let base = '';
let hungUp: Promise<boolean>;
const server = createServer((req, res) => {
  if (req.url === '/small') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
  if (req.url === '/declared') return res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
  if (req.url === '/not-modified') return res.writeHead(304, { etag: '"e"' }).end();
  if (req.url === '/endless') return void stream(res);
  res.writeHead(404).end();
});

function stream(res: ServerResponse) {
  hungUp = new Promise((resolve) => res.once('close', () => resolve(!res.writableFinished)));
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = 'y'.repeat(1024);
  const more = () => {
    for (let i = 0; i < 64 && !res.destroyed; i++) if (!res.write(chunk)) return void res.once('drain', more);
    if (!res.destroyed) setImmediate(more);
  };
  more();
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('boundedFetch', () => {
  const limited = boundedFetch(4096);

  it('hands on an answer under the cap with its status, headers, body and URL', async () => {
    const res = await limited(`${base}/small`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.url).toBe(`${base}/small`);
    expect(await res.json()).toEqual({ a: 1 });
  });

  it('stops reading an answer with no length at the cap and hangs up', async () => {
    const error = await limited(`${base}/endless`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).limitBytes).toBe(4096);
    expect(await hungUp).toBe(true);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    await expect(limited(`${base}/declared`)).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('passes a bodiless 304 through', async () => {
    const res = await limited(`${base}/not-modified`);
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe('"e"');
  });

  it('is found in the cause chain of the error a client wraps it in', () => {
    const inner = new ResponseTooLargeError(8 * 1024 * 1024);
    const wrapped = Object.assign(new Error('request failed'), { cause: new Error('x', { cause: inner }) });
    expect(tooLargeIn(wrapped)).toBe(inner);
    expect(tooLargeIn(new Error('other'))).toBeUndefined();
    expect(inner.message).toContain('8 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });
});
