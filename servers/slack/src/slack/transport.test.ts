import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseTooLargeError } from '@refmcp/core/upstream';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestVia } from './transport.js';

// A real HTTP server on loopback answering what each path asks for; `seen` records each request.
const seen: Array<{ method?: string; url?: string; body: string; type?: string }> = [];
let server: Server;
let base: string;

function answer(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ method: req.method, url: req.url, body, type: req.headers['content-type'] });
  if (req.url === '/redirect') {
    res.writeHead(302, { location: '/target' }).end();
  } else if (req.url === '/huge') {
    // No content-length: only counting the body as it comes can stop it.
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 64; i++) res.write(chunk);
    res.end();
  } else if (req.url === '/no-content') {
    res.writeHead(204).end();
  } else {
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'channels:history' });
    res.end(JSON.stringify({ ok: true, echo: body }));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => answer(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
const dispatcher = new Agent();
afterAll(async () => {
  await dispatcher.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
const refusedFetch: typeof fetch = () => Promise.reject(new Error('went to fetch'));

describe('the Web API fetch on undici request', () => {
  it('posts the form and hands back status, headers, url and body as a Response', async () => {
    const viaRequest = requestVia(dispatcher, 1024 * 1024, refusedFetch);
    const response = await viaRequest(`${base}/api/conversations.history`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=C1&limit=2',
      redirect: 'error',
    });
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/api/conversations.history`);
    expect(response.headers.get('x-oauth-scopes')).toBe('channels:history');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ ok: true, echo: 'channel=C1&limit=2' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', type: 'application/x-www-form-urlencoded' });
  });

  it('refuses a redirect without following it', async () => {
    const viaRequest = requestVia(dispatcher, 1024 * 1024, refusedFetch);
    const before = seen.length;
    await expect(
      viaRequest(`${base}/redirect`, { method: 'POST', body: '', redirect: 'error' }),
    ).rejects.toThrow(
      expect.objectContaining({
        cause: expect.objectContaining({ message: expect.stringMatching(/redirect/) }),
      }),
    );
    expect(seen.slice(before).map((r) => r.url)).toEqual(['/redirect']);
  });

  it('stops reading an answer without a length once it passes the cap', async () => {
    const viaRequest = requestVia(dispatcher, 64 * 1024, refusedFetch);
    await expect(viaRequest(`${base}/huge`, { method: 'POST', body: '' })).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
    // The dispatcher is still usable afterwards.
    expect((await viaRequest(`${base}/ok`, { method: 'POST', body: 'x=1' })).status).toBe(200);
  });

  it('answers 204 with no body, and hands a multipart upload to fetch', async () => {
    const viaRequest = requestVia(dispatcher, 1024, refusedFetch);
    const empty = await viaRequest(`${base}/no-content`, { method: 'POST', body: '' });
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const form = new FormData();
    form.append('file', new Blob(['abc']), 'a.txt');
    await expect(viaRequest(`${base}/upload`, { method: 'POST', body: form })).rejects.toThrow(
      'went to fetch',
    );
  });
});
