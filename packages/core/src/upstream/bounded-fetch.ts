/**
 * Upstream answers read with a byte limit. Many users share one server over HTTP, so a single
 * answer must not be able to take its memory or its event loop: a list of 100,000 GitHub issues
 * used to be read whole, parsed whole and mapped whole (2.9 GB resident, pings unanswered for 23 s),
 * and a Slack history page holding one 50 MB message took 550 MB. Now the body is counted as it
 * arrives and the connection is dropped the moment it passes the cap. The count is of decoded
 * bytes, so a small compressed answer that inflates to a huge one is refused too.
 */

/** An answer longer than the cap, refused while it was being read. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The answer was longer than ${formatBytes(limitBytes)}; reading stopped there.`);
    this.name = 'ResponseTooLargeError';
  }
}

/** `8 MiB`, `512 KiB`, `1.5 MiB`: for messages. */
export function formatBytes(bytes: number): string {
  const [unit, size] =
    bytes >= 1024 * 1024 ? ['MiB', 1024 * 1024] : bytes >= 1024 ? ['KiB', 1024] : ['bytes', 1];
  return `${Number((bytes / size).toFixed(1))} ${unit}`;
}

/** Statuses whose answers have no body (a Response with a body and one of these cannot be built). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` that reads the whole body before handing the response on, and throws
 * ResponseTooLargeError as soon as it passes `maxBytes` (a declared Content-Length past the cap is
 * refused before reading). The body is buffered rather than passed on as a counting stream
 * because the API clients catch errors from reading a body and carry on with an empty one.
 */
export function boundedFetch(maxBytes: number, base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.body) return response;
    if (Number(response.headers.get('content-length')) > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new ResponseTooLargeError(maxBytes);
    }
    return heldResponse(
      await readCapped(response.body, maxBytes),
      { status: response.status, statusText: response.statusText, headers: response.headers },
      response.url,
    );
  };
}

/**
 * A body's chunks joined, or ResponseTooLargeError as soon as they pass `maxBytes`. Leaving the
 * loop early closes the source (a web stream is cancelled, a Node stream destroyed), which drops
 * the connection: the rest is never transferred.
 */
export async function readCapped(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new ResponseTooLargeError(maxBytes);
    parts.push(chunk);
  }
  return Buffer.concat(parts, total);
}

/**
 * An answer read whole, handed on as a Response: no body for the statuses that cannot have one,
 * and the final URL (after redirects), which the API clients read and a constructed Response
 * lacks.
 */
export function heldResponse(
  body: Uint8Array,
  init: { status: number; statusText?: string; headers: Headers },
  url: string,
): Response {
  const response = new Response(NULL_BODY.has(init.status) ? null : body, init);
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/** The ResponseTooLargeError somewhere in an error's `cause` chain (clients wrap what fetch throws). */
export function tooLargeIn(error: unknown): ResponseTooLargeError | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof ResponseTooLargeError) return e;
  }
  return undefined;
}
