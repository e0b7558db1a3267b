import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonContentType } from '@modelcontextprotocol/server';

/**
 * A JSON request body the Node side has already read, handed to the pipeline as text. The Request
 * it comes with has no body of its own.
 */
export interface ReadBody {
  text: string;
}

export type PipelineFetch = (request: Request, body?: ReadBody) => Promise<Response>;

/**
 * Serves the web-standard pipeline on a Node `http` server.
 *
 * In place of the SDK's `toNodeHandler` because of the body of a call: that adapter collects it
 * into a string, gives the Request a body stream made from the string, and the pipeline then reads
 * the stream back and parses it; most of a trivial call's conversion cost (about a tenth of the
 * server's CPU per call over HTTP). Here a JSON body is read from the socket once, bounded by
 * `maxBodyBytes`, and passed on as text beside a Request without a body. Any other body (a form
 * posted to an OAuth route) stays on the Request, as the adapter would put it.
 */
export function servePipeline(fetch: PipelineFetch, maxBodyBytes: number, onError: (error: unknown) => void) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let finished = false;
    const abort = new AbortController();
    // A client that hangs up cancels what its request started (a stream, a stateless instance).
    res.once('close', () => {
      if (!finished) abort.abort();
    });
    let response: Response;
    try {
      response = await respond(req, fetch, maxBodyBytes, abort.signal);
    } catch (error) {
      onError(error);
      response = Response.json(
        { jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null },
        { status: 500 },
      );
    }
    await writeResponse(response, res, abort.signal);
    finished = true;
  };
}

async function respond(
  req: IncomingMessage,
  fetch: PipelineFetch,
  maxBodyBytes: number,
  signal: AbortSignal,
): Promise<Response> {
  const method = req.method ?? 'GET';
  const url = `http://${first(req.headers.host) ?? first(req.headers[':authority']) ?? 'localhost'}${req.url ?? '/'}`;
  const headers = headersOf(req);
  if (method === 'GET' || method === 'HEAD') return fetch(new Request(url, { method, headers, signal }));
  const text = await readBody(req, maxBodyBytes);
  if (text === undefined) {
    return Response.json(
      {
        jsonrpc: '2.0',
        error: {
          code: -32000,
          message: `Payload Too Large: the request body is over ${maxBodyBytes} bytes, the most this server accepts (--max-body-bytes).`,
        },
        id: null,
      },
      // The rest of the body is left unread: the connection goes with this answer.
      { status: 413, headers: { connection: 'close' } },
    );
  }
  if (isJsonContentType(first(req.headers['content-type']) ?? null)) {
    return fetch(new Request(url, { method, headers, signal }), { text });
  }
  return fetch(new Request(url, { method, headers, signal, ...(text.length > 0 && { body: text }) }));
}

/** The body as UTF-8 text, or undefined once it passes `limit` bytes (reading then stops). */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      done();
      req.pause();
      resolve(undefined);
    };
    const onEnd = () => {
      done();
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      );
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => onError(new Error('the connection closed before the request body ended'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * The request's headers for a Request: Node's own record when it will do (a Request copies a record
 * in about two thirds of the time it takes for a list of pairs), else pairs without HTTP/2
 * pseudo-headers and with each repeated value kept.
 */
function headersOf(req: IncomingMessage): Record<string, string> | Array<[string, string]> {
  for (const name in req.headers) {
    if (name.startsWith(':') || typeof req.headers[name] !== 'string') return headerPairs(req);
  }
  return req.headers as Record<string, string>;
}

function headerPairs(req: IncomingMessage): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, item]);
    else pairs.push([name, value]);
  }
  return pairs;
}

async function writeResponse(response: Response, res: ServerResponse, aborted: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) headers[name] = value;
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // A slow reader holds the stream, not memory: wait for the socket to drain (or close).
  const drained = () =>
    new Promise<void>((resolve) => {
      const settle = () => {
        res.off('drain', settle);
        aborted.removeEventListener('abort', settle);
        resolve();
      };
      res.once('drain', settle);
      aborted.addEventListener('abort', settle, { once: true });
    });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || aborted.aborted) break;
      if (!res.write(value)) await drained();
    }
  } catch {
    // The stream failed (or the server closed it): the client sees the response end.
  } finally {
    if (aborted.aborted) void reader.cancel().catch(() => {});
    res.end();
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
