import { createHash, randomUUID } from 'node:crypto';
import {
  type AuthInfo,
  type EventStore,
  isJsonContentType,
  type JSONRPCMessage,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { McpApp, ServeOptions } from './app.js';

export interface LegacySessionOptions {
  /** A session with no request for this long is closed (its next request gets 404). */
  idleMs?: number;
  /** Beyond this many open sessions a new `initialize` gets 503, so memory stays bounded. */
  maxSessions?: number;
  /** Messages kept per session for `Last-Event-ID` resumption. */
  replayEvents?: number;
  /** Largest request body in bytes; the session transport answers 413 beyond it. */
  maxBodyBytes?: number;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  /** Sends what the server said before the client opened its GET stream; then a no-op. */
  streamOpened: () => Promise<void>;
  /** Who opened it: a session id alone must not let another caller ride on it. */
  owner: string;
  lastSeen: number;
}

const DEFAULTS = {
  idleMs: 30 * 60_000,
  maxSessions: 1_000,
  replayEvents: 500,
  maxBodyBytes: 4 * 1024 * 1024,
};

/**
 * 2025-11-25 clients over HTTP, served the way that era expects: `initialize` opens a session
 * (`Mcp-Session-Id`), later POSTs, the GET notification stream and DELETE run against it, and a
 * dropped stream resumes from `Last-Event-ID`. Sessions live in this process: behind a load
 * balancer, route on the session header (sticky); an unknown id answers 404 so the client starts
 * a new session, as the spec asks.
 */
export function createLegacySessions(app: McpApp, serve: ServeOptions, options: LegacySessionOptions = {}) {
  const { idleMs, maxSessions, replayEvents, maxBodyBytes } = { ...DEFAULTS, ...options };
  const sessions = new Map<string, Session>();

  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const [id, session] of sessions) {
        if (session.lastSeen < cutoff) void end(id, 'idle');
      }
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  async function end(id: string, reason: string): Promise<void> {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    app.logger.debug('session closed', { reason, open: sessions.size });
    await session.transport.close().catch(() => {});
  }

  async function open(request: Request, authInfo: AuthInfo | undefined, body: unknown): Promise<Response> {
    if (sessions.size >= maxSessions) {
      return jsonRpcError(503, -32000, 'Too many open sessions; try again shortly.', { 'Retry-After': '5' });
    }
    const owner = ownerOf(authInfo);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: createReplayBuffer(replayEvents),
      maxRequestBodySize: maxBodyBytes,
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, owner, streamOpened, lastSeen: Date.now() });
        app.logger.debug('session opened', { open: sessions.size });
      },
      onsessionclosed: (id) => void end(id, 'client ended it'),
    });
    const streamOpened = holdUntilStreamOpens(transport, replayEvents);
    // No requestInfo: this instance serves a whole session, so it may keep subscriptions and
    // send notifications later, like a stdio connection.
    const server = app.createServer({ era: 'legacy', ...(authInfo && { authInfo }) }, serve);
    await server.connect(transport);
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
      void server.close().catch(() => {});
    };
    return transport.handleRequest(request, { parsedBody: body, ...(authInfo && { authInfo }) });
  }

  return {
    /** `parsedBody`: the POST body, when the caller has already read and parsed it. */
    async fetch(request: Request, authInfo?: AuthInfo, parsedBody?: unknown): Promise<Response> {
      const id = request.headers.get('mcp-session-id');
      if (!id) {
        if (request.method !== 'POST') {
          return jsonRpcError(400, -32000, 'Bad Request: Mcp-Session-Id header is required.');
        }
        if (!isJsonContentType(request.headers.get('content-type'))) {
          return jsonRpcError(415, -32000, 'Unsupported Media Type: Content-Type must be application/json.');
        }
        const body = parsedBody ?? (await request.json().catch(() => undefined));
        if (!isInitialize(body)) {
          return jsonRpcError(
            400,
            -32000,
            'Bad Request: no session. Send initialize first, then Mcp-Session-Id.',
          );
        }
        return open(request, authInfo, body);
      }
      const session = sessions.get(id);
      if (!session || session.owner !== ownerOf(authInfo)) {
        return jsonRpcError(404, -32001, 'Session not found. Start a new session with initialize.');
      }
      session.lastSeen = Date.now();
      const response = await session.transport.handleRequest(request, {
        ...(authInfo && { authInfo }),
        ...(parsedBody !== undefined && { parsedBody }),
      });
      if (request.method !== 'GET') return response;
      // A resumed stream (Last-Event-ID) may be a request's; only a fresh one is the session's own.
      if (response.ok && isEventStream(response) && !request.headers.has('last-event-id')) {
        await session.streamOpened();
      }
      return openedAtOnce(response);
    },
    get size() {
      return sessions.size;
    },
    async close(): Promise<void> {
      clearInterval(sweep);
      await Promise.all([...sessions.keys()].map((id) => end(id, 'shutdown')));
    },
  };
}

/**
 * The GET stream carries nothing until the server has something to say, and Node sends response
 * headers with the first byte: without this, a client (or a proxy's timeout) would wait for the
 * first notification just to learn the stream is open. An SSE comment line is ignored by readers.
 */
function openedAtOnce(response: Response): Response {
  if (!response.body || !isEventStream(response)) return response;
  const reader = response.body.getReader();
  let opened = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!opened) {
        opened = true;
        controller.enqueue(new TextEncoder().encode(': stream open\n\n'));
        return;
      }
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return new Response(stream, { status: response.status, headers: response.headers });
}

const isEventStream = (response: Response) =>
  response.headers.get('content-type')?.startsWith('text/event-stream') === true;

/**
 * A session's server may speak before the client has opened its GET stream: the filesystem
 * server asks for the client's roots the moment the client says `initialized`, and the client
 * opens the stream only after that. The SDK drops a message that belongs to no request when no
 * stream is open, so the roots request was lost and every call waited out its timeout. Such
 * messages wait here (at most `limit`) and go out, in order, once the first GET stream is open.
 */
function holdUntilStreamOpens(transport: WebStandardStreamableHTTPServerTransport, limit: number) {
  const send = transport.send.bind(transport);
  let held: Array<Parameters<typeof send>> | undefined = [];
  transport.send = async (message, options) => {
    // Responses always belong to a request; only requests and notifications can be unattached.
    if (held && 'method' in message && options?.relatedRequestId === undefined) {
      if (held.length < limit) held.push([message, options]);
      return;
    }
    return send(message, options);
  };
  return async () => {
    const queue = held ?? [];
    held = undefined;
    for (const [message, options] of queue) await send(message, options);
  };
}

function isInitialize(body: unknown): boolean {
  const first = Array.isArray(body) ? body[0] : body;
  return (
    typeof first === 'object' && first !== null && (first as { method?: unknown }).method === 'initialize'
  );
}

function ownerOf(authInfo: AuthInfo | undefined): string {
  if (!authInfo) return 'anonymous';
  // Bind to the identity and its grant, not the token: a refreshed token for the same client keeps
  // its session, while a token with other scopes gets 404 and a new session, whose tool list then
  // matches what the new token may do (a session's tools are fixed when it opens).
  const subject = (authInfo.extra?.sub as string | undefined) ?? authInfo.clientId;
  const grant = [...authInfo.scopes].sort().join(' ');
  return createHash('sha256').update(`${subject}\n${grant}`).digest('base64url');
}

function jsonRpcError(
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status, headers });
}

/**
 * A bounded per-session replay log: enough to resume a dropped SSE stream, never unbounded
 * memory for a client that does not come back.
 */
function createReplayBuffer(limit: number): EventStore {
  const events: Array<{ id: string; stream: string; message: JSONRPCMessage }> = [];
  let next = 0;
  return {
    async storeEvent(stream, message) {
      const id = `${stream}:${next++}`;
      events.push({ id, stream, message });
      if (events.length > limit) events.shift();
      return id;
    },
    async getStreamIdForEventId(eventId) {
      return events.find((e) => e.id === eventId)?.stream;
    },
    async replayEventsAfter(lastEventId, { send }) {
      const at = events.findIndex((e) => e.id === lastEventId);
      if (at === -1) throw new Error('Event id is no longer available to replay from.');
      const stream = events[at]?.stream as string;
      for (const event of events.slice(at + 1)) {
        if (event.stream === stream) await send(event.id, event.message);
      }
      return stream;
    },
  };
}
