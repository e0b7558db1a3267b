import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type AuthInfo,
  createMcpHandler,
  hostHeaderValidationResponse,
  isJsonContentType,
  isLegacyRequest,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  type McpRequestContext,
  OAuthError,
  OAuthErrorCode,
  originValidationResponse,
  PROTOCOL_VERSION_META_KEY,
  requireBearerAuth,
} from '@modelcontextprotocol/server';
import type { McpApp, ServeOptions } from './app.js';
import { readBounded } from './http-body.js';
import { isListenRequest, serveListen } from './http-listen.js';
import type { PipelineFetch, ReadBody } from './http-node.js';
import { createLegacySessions, type LegacySessionOptions } from './http-sessions.js';
import { statelessServers } from './instance-pool.js';

/**
 * Decides who may call. Returns the caller's identity, or the HTTP response that refuses them
 * (401/403 with a `WWW-Authenticate` challenge). This is the seam OAuth resource-server mode plugs
 * into; the static bearer token below is one implementation. `body`: a call's JSON body as text
 * when the server has already read it (the same body the request carries).
 */
export type Authenticator = (request: Request, body?: ReadBody) => Promise<AuthInfo | Response>;

export interface HttpOptions {
  host: string;
  port: number;
  /** Static bearer token; ignored when `authenticate` is given. */
  authToken?: string | undefined;
  authenticate?: Authenticator;
  /** Host header names accepted in addition to the loopback names. */
  allowedHosts?: readonly string[];
  /** Browser Origin hostnames accepted in addition to the loopback names. */
  allowedOrigins?: readonly string[];
  /** Largest request body in bytes (413 beyond it). */
  maxBodyBytes?: number;
  /**
   * How 2025-11-25 clients are served: `sessions` (the default: `Mcp-Session-Id`, GET stream,
   * resumability; needs sticky routing behind a balancer) or `stateless` (each POST on its own).
   */
  legacy?: 'sessions' | 'stateless';
  sessions?: LegacySessionOptions;
  /** Which tools a caller sees, and how long a call may run. */
  serve?: ServeOptions;
  /**
   * Extra endpoints answered after the Host/Origin checks and before authentication, such as
   * OAuth protected-resource metadata. Return undefined to pass.
   */
  routes?: (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;
}

export const MCP_PATH = '/mcp';

/** Constant-time check of a static token: compares digests so length differences leak nothing. */
export function staticBearerAuth(token: string): Authenticator {
  const expected = createHash('sha256').update(token).digest();
  const gate = requireBearerAuth({
    verifier: {
      async verifyAccessToken(candidate: string): Promise<AuthInfo> {
        const actual = createHash('sha256').update(candidate).digest();
        if (!timingSafeEqual(actual, expected)) {
          throw new OAuthError(OAuthErrorCode.InvalidToken, 'Invalid bearer token');
        }
        // A static token does not expire; the SDK requires an expiry, so give it a rolling hour.
        return {
          token: candidate,
          clientId: 'static-token',
          scopes: [],
          expiresAt: Math.floor(Date.now() / 1000) + 3600,
        };
      },
    },
  });
  return gate;
}

/**
 * The web-standard request pipeline: health check, DNS-rebinding guards, authentication, then the
 * SDK handler that serves both protocol eras. Kept separate from the socket so tests can call it.
 */
export function createHttpPipeline(app: McpApp, options: Omit<HttpOptions, 'host' | 'port'> = {}) {
  const serve = options.serve ?? {};
  const withSessions = (options.legacy ?? 'sessions') === 'sessions';
  const maxRequestBodySize = options.maxBodyBytes ?? 4 * 1024 * 1024;
  // 2026-07-28 requests reuse finished instances; a 2025 request served statelessly
  // (--legacy-http stateless) may carry an initialize that sets up its instance, so it gets a new one.
  const modern = statelessServers(app, serve);
  const factory = (ctx: McpRequestContext) =>
    ctx.era === 'modern' && ctx.requestInfo ? modern(ctx) : app.createServer(ctx, serve);
  const handler = createMcpHandler(factory, {
    onerror: (error) => app.logger.debug('http request rejected', { error: error.message }),
    legacy: withSessions ? 'reject' : 'stateless',
    maxRequestBodySize,
    ...(app.changes && { bus: app.changes.bus }),
  });
  const sessions = withSessions
    ? createLegacySessions(app, serve, { maxBodyBytes: maxRequestBodySize, ...options.sessions })
    : undefined;
  let draining = false;
  const allowedHosts = [...localhostAllowedHostnames(), ...(options.allowedHosts ?? [])];
  const allowedOrigins = [...localhostAllowedOrigins(), ...(options.allowedOrigins ?? [])];
  const authenticate =
    options.authenticate ?? (options.authToken ? staticBearerAuth(options.authToken) : undefined);

  const fetch: PipelineFetch = async (request, body) => {
    const url = new URL(request.url);
    // Security: Host and Origin checks come first, even for the health check, so a page on
    // another site cannot reach a localhost server through DNS rebinding.
    const rejected =
      hostHeaderValidationResponse(request, allowedHosts) ??
      originValidationResponse(request, allowedOrigins);
    if (rejected) return rejected;
    if (url.pathname === '/healthz' && request.method === 'GET') {
      return Response.json({ status: 'ok', name: app.name, version: app.version });
    }
    if (url.pathname === '/readyz' && request.method === 'GET') {
      // Ready means: worth sending traffic to. Not while draining, nor before dependencies are up.
      const ready = !draining && (await app.ready());
      return Response.json(
        { status: ready ? 'ready' : draining ? 'draining' : 'starting' },
        { status: ready ? 200 : 503 },
      );
    }
    // A body the Node side read is used as it is only by a call; anything else reads its own.
    if (body && !(url.pathname === MCP_PATH && request.method === 'POST')) {
      request = withBody(request, body.text);
      body = undefined;
    }
    const routed = (await options.routes?.(request, url)) ?? (await app.routes?.(request, url));
    if (routed) return routed;
    if (url.pathname !== MCP_PATH)
      return new Response('Not found. The MCP endpoint is /mcp.\n', { status: 404 });
    let authInfo: AuthInfo | undefined;
    let forwarded = request;
    if (authenticate) {
      // An authenticator may read the body (OAuth's scope check does): it gets a request that has
      // one, and the text itself to skip reading it.
      const outcome = await authenticate(body ? withBody(request, body.text) : request, body);
      if (outcome instanceof Response) return outcome;
      authInfo = outcome;
      forwarded = withoutCredentials(request);
    }
    // The body is read and parsed once here and handed on parsed: the era check and the handler
    // would each read and parse their own copy of it otherwise.
    let parsedBody: unknown;
    if (request.method === 'POST' && isJsonContentType(forwarded.headers.get('content-type'))) {
      const read = body ?? (await readBounded(forwarded, maxRequestBodySize));
      if ('tooLarge' in read) return jsonRpcError(413, -32000, tooLargeMessage(maxRequestBodySize));
      if ('unreadable' in read)
        return jsonRpcError(400, -32700, 'Parse error: the request body could not be read.');
      try {
        parsedBody = read.text.length === 0 ? undefined : JSON.parse(read.text);
      } catch {
        parsedBody = undefined;
      }
      // Empty or not JSON: the handlers answer that themselves, from the text.
      if (parsedBody === undefined) forwarded = withBody(forwarded, read.text);
    }
    const parsed = parsedBody === undefined ? {} : { parsedBody };
    if (
      sessions &&
      !claimsModernEra(parsedBody) &&
      (await isLegacyRequest(forwarded, parsedBody, { maxRequestBodySize }))
    ) {
      return sessions.fetch(forwarded, authInfo, parsedBody);
    }
    const serveModern = (r: Request) => handler.fetch(r, { ...(authInfo && { authInfo }), ...parsed });
    if (app.changes && isListenRequest(forwarded))
      return serveListen(forwarded, parsedBody, app.changes, serveModern);
    return serveModern(forwarded);
  };
  return {
    fetch,
    /** Readiness turns 503 so a balancer stops sending new work while running calls finish. */
    drain: () => {
      draining = true;
    },
    close: async () => {
      draining = true;
      await sessions?.close();
      await handler.close();
    },
  };
}

/**
 * A single message whose `_meta` names a protocol version is the modern path's to answer, valid
 * or not (the SDK's own rule). Checked here because it is most requests and costs a property
 * look-up, where the SDK's full classification validates the message again before the handler
 * classifies it once more.
 */
function claimsModernEra(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const meta = (body as { params?: { _meta?: unknown } }).params?._meta;
  return typeof meta === 'object' && meta !== null && PROTOCOL_VERSION_META_KEY in meta;
}

const tooLargeMessage = (maxBodyBytes: number) =>
  `Payload Too Large: the request body is over ${maxBodyBytes} bytes, the most this server accepts (--max-body-bytes).`;

function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });
}

/** The same request with its body (already read) given again, for the handlers to read. */
function withBody(request: Request, text: string): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    ...(text.length > 0 && { body: text }),
  });
}

/**
 * Security: the caller's credential stops at authentication. Tool code can reach the HTTP request
 * through the SDK context; without the header there, no tool can forward the client's token to an
 * upstream API (servers call upstreams with their own credentials).
 */
function withoutCredentials(request: Request): Request {
  if (!request.headers.has('authorization')) return request;
  const headers = new Headers(request.headers);
  headers.delete('authorization');
  return new Request(request, { headers });
}
