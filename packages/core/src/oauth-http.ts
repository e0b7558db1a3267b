import { type OAuthProtectedResourceMetadata, readRequestBody } from '@modelcontextprotocol/server';

/** A tools/call of a tool not marked read-only, as the body names it. */
export interface WriteCall {
  tool: string;
  args: unknown;
}

/**
 * Which scope a request needs: write when it calls a tool not marked read-only (those calls are
 * listed, so a refusal can be audited), read for anything else. `text` is the body when the
 * server has read it already; otherwise a copy is read (bounded), so the handler still gets the
 * original. A body that is not JSON needs only read: the handler refuses it as a parse error
 * before anything runs.
 */
export async function neededScope(
  request: Request,
  writeTools: ReadonlySet<string>,
  maxBodyBytes: number,
  text?: string,
): Promise<{ scope: 'read' | 'write'; writeCalls: WriteCall[] } | 'too-large'> {
  const read = { scope: 'read' as const, writeCalls: [] };
  if (request.method !== 'POST' || writeTools.size === 0) return read;
  const body =
    text !== undefined
      ? { text }
      : await readRequestBody(request.clone(), maxBodyBytes).catch(() => undefined);
  if (!body) return read;
  if ('tooLarge' in body && body.tooLarge) return 'too-large';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.text);
  } catch {
    return read;
  }
  const messages: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  const writeCalls = messages.flatMap((message) => {
    const { method, params } = (message ?? {}) as {
      method?: unknown;
      params?: { name?: unknown; arguments?: unknown };
    };
    return method === 'tools/call' && typeof params?.name === 'string' && writeTools.has(params.name)
      ? [{ tool: params.name, args: params.arguments ?? {} }]
      : [];
  });
  return writeCalls.length > 0 ? { scope: 'write', writeCalls } : read;
}

/** The metadata document is public and read by browser-based clients too: GET with open CORS. */
export function metadataResponse(request: Request, metadata: OAuthProtectedResourceMetadata): Response {
  const cors = { 'Access-Control-Allow-Origin': '*' };
  if (request.method === 'OPTIONS') {
    return new Response(null, {
      status: 204,
      headers: { ...cors, 'Access-Control-Allow-Methods': 'GET, HEAD' },
    });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...cors, Allow: 'GET, HEAD, OPTIONS' } });
  }
  const response = Response.json(metadata, { headers: { ...cors, 'Cache-Control': 'max-age=300' } });
  return request.method === 'HEAD' ? new Response(null, { headers: response.headers }) : response;
}
