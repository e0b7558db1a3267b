/** A request body read to its end, or why it was not. */
export type BodyRead = { text: string } | { tooLarge: true } | { unreadable: true };

/**
 * Reads the body as text, stopping past `limit` bytes: the size check must not wait for the whole
 * of an oversized body.
 */
export async function readBounded(request: Request, limit: number): Promise<BodyRead> {
  const reader = request.body?.getReader();
  if (!reader) return { text: '' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read().catch(() => undefined);
    if (!chunk) return { unreadable: true };
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling a body that is still arriving settles only when it ends.
      void reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    chunks.push(chunk.value);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}
