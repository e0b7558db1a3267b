import type { IncomingMessage, ServerResponse } from 'node:http';

/** Past this, a refused body is not worth reading to the end: the connection is cut instead. */
const MOST_DRAINED = 64 * 1024 * 1024;

/**
 * Answers 413 for a body whose declared length is over the limit, without keeping any of it.
 * The body is read and thrown away before the answer goes out: a client still sending when the
 * server closes the connection sees a reset ("fetch failed") instead of the 413 that says why,
 * and which of the two it sees depends on timing. Bodies without a declared length are counted
 * as they are read (http-node.ts).
 */
export function refuseOversizedBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
): boolean {
  const declared = Number(req.headers['content-length']);
  if (!(declared > maxBodyBytes)) return false;
  const body = JSON.stringify({
    jsonrpc: '2.0',
    error: {
      code: -32000,
      message: `Payload Too Large: the request body is ${declared} bytes; this server accepts at most ${maxBodyBytes} (--max-body-bytes).`,
    },
    id: null,
  });
  const send = () => {
    if (res.headersSent) return;
    res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(body);
  };
  if (declared > MOST_DRAINED) {
    send();
    return true;
  }
  req.once('end', send);
  req.once('error', () => res.destroy());
  req.resume();
  return true;
}
