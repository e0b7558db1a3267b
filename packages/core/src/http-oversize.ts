import type { IncomingMessage, ServerResponse } from 'node:http';

/** The most of a refused body read and thrown away before the connection is cut. */
const LINGER_BYTES = 64 * 1024 * 1024;

/**
 * Answers 413 to a request whose declared Content-Length is over `maxBodyBytes`, before anything
 * reads it. The SDK's Node adapter refuses such a body too, but closes the connection unread: the
 * client, still uploading, then meets a reset and often never reads the 413 (a lost race on
 * Node 24 and 26, on either side; Node 20's fetch happened to win it). Here the rest of the body is
 * read and dropped (RFC 9112 §9.6, closing in stages), so the client reads why, and the connection
 * stays usable; past LINGER_BYTES it is cut, so a huge declared length costs no more than that.
 * Returns whether it answered.
 */
export function refuseOversizeBody(req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): boolean {
  const declared = Number(req.headers['content-length']);
  if (!(declared > maxBodyBytes)) return false;
  const body = JSON.stringify({
    jsonrpc: '2.0',
    error: {
      code: -32000,
      message: `Request body too large: ${declared} bytes; this server takes at most ${maxBodyBytes} (--max-body-bytes).`,
    },
    id: null,
  });
  res.writeHead(413, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > LINGER_BYTES) req.socket.destroy();
  });
  return true;
}
