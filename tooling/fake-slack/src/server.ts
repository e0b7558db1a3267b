import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type Params, SlackFailure } from './context.js';
import { type FileRequest, handleFileRoute } from './files.js';
import { streamRepeated } from './flood.js';
import { METHOD_SCOPES, methods, USER_ONLY } from './methods.js';
import { handleSlackOAuth, isSlackOAuthPath } from './oauth.js';
import { FakeWorkspace } from './state.js';

export interface FakeSlack {
  /** Base URL to configure a client with; ends with `/api/` like https://slack.com/api/. */
  apiUrl: string;
  workspace: FakeWorkspace;
  /** Every request to the upload and download URLs (files-pri, upload/v1), in order. */
  fileRequests: FileRequest[];
  /** The next `times` calls to `method` answer HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  /** The next `times` calls to `method` answer `{ ok: false, error: code }`. */
  failNext(method: string, code: string, times?: number, extra?: Record<string, unknown>): void;
  /**
   * Hostile upstream: the next `times` successful calls to `method` answer their real result with
   * its list (`messages`, `members`, `channels`, …) repeated until it has `items` entries, streamed
   * without a Content-Length, as an upstream that ignores `limit` would. Each entry keeps Slack's
   * shape; only the count is wrong.
   */
  floodList(method: string, items: number, times?: number): void;
  /**
   * Hostile upstream: the next `times` calls to `method` answer exactly `body` with HTTP 200, for
   * testing what a client makes of an answer Slack does not give (a missing field, a wrong type).
   * The only way the fake strays from Slack's shapes, and only when a test asks.
   */
  answerNext(method: string, body: unknown, times?: number): void;
  close(): Promise<void>;
}

export interface FakeSlackOptions {
  workspace?: FakeWorkspace;
  /** Added to every response, to model network latency. */
  latencyMs?: number;
  /** Loopback port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Serve HTTPS with this key and certificate (PEM), for tests of trusted CAs. */
  tls?: { key: string; cert: string };
}

/** Starts the fake Web API on a free loopback port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const workspace = options.workspace ?? new FakeWorkspace();
  const limits = new Map<string, { times: number; retryAfter: number }>();
  const failures = new Map<string, { times: number; code: string; extra: Record<string, unknown> }>();
  const floods = new Map<string, { times: number; items: number }>();
  const answers = new Map<string, { times: number; body: unknown }>();
  const fileRequests: FileRequest[] = [];
  let baseUrl = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (isSlackOAuthPath(url.pathname)) return handleSlackOAuth(workspace, req, res);
    const method = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1];
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const write = () => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (options.latencyMs) setTimeout(write, options.latencyMs);
      else write();
    };
    if (!method && !url.pathname.startsWith('/api/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const served = await handleFileRoute(
        workspace,
        req,
        res,
        url.pathname,
        Buffer.concat(chunks),
        fileRequests,
      );
      if (served) return;
    }
    if (!method || !(method in methods)) return send(404, { ok: false, error: 'unknown_method' });
    if (req.method !== 'POST' && req.method !== 'GET')
      return send(405, { ok: false, error: 'method_not_allowed' });

    const params = await readParams(req, url);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const tokenValue = bearer ?? params.token;
    delete params.token;
    const token = tokenValue ? workspace.tokens.get(tokenValue) : undefined;
    workspace.calls.push({
      method,
      params,
      ...(token && { tokenKind: token.kind, userId: token.userId, token: tokenValue }),
    });

    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) });
    }
    if (!tokenValue) return send(200, { ok: false, error: 'not_authed' });
    if (!token) return send(200, { ok: false, error: 'invalid_auth' });
    const answer = answers.get(method);
    if (answer && answer.times > 0) {
      answer.times--;
      return send(200, answer.body);
    }
    const failure = failures.get(method);
    if (failure && failure.times > 0) {
      failure.times--;
      return send(200, { ok: false, error: failure.code, ...failure.extra });
    }
    if (USER_ONLY.has(method) && token.kind !== 'user') {
      return send(200, { ok: false, error: 'not_allowed_token_type' });
    }
    const scope = METHOD_SCOPES[method];
    if (scope && !token.scopes.includes(scope)) {
      return send(200, {
        ok: false,
        error: 'missing_scope',
        needed: scope,
        provided: token.scopes.join(','),
      });
    }
    try {
      const result = methods[method]!(params, { ws: workspace, token, baseUrl });
      const flood = floods.get(method);
      if (flood && flood.times > 0) {
        flood.times--;
        return void flooded(res, result, flood.items).catch(() => res.destroy());
      }
      send(200, { ok: true, ...result });
    } catch (error) {
      if (error instanceof SlackFailure) send(200, { ok: false, error: error.code, ...error.extra });
      else send(500, { ok: false, error: 'internal_error' });
    }
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => {
      res.writeHead(500).end();
    });
  };
  const server: Server = options.tls ? createTlsServer(options.tls, onRequest) : createServer(onRequest);
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/`;

  return {
    apiUrl: `${baseUrl}api/`,
    workspace,
    fileRequests,
    rateLimit(method, times, retryAfterSeconds) {
      limits.set(method, { times, retryAfter: retryAfterSeconds });
    },
    failNext(method, code, times = 1, extra = {}) {
      failures.set(method, { times, code, extra });
    },
    floodList(method, items, times = 1) {
      floods.set(method, { times, items });
    },
    answerNext(method, body, times = 1) {
      answers.set(method, { times, body });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A method's result with its one list repeated to `count` entries, streamed. */
function flooded(res: ServerResponse, result: Record<string, unknown>, count: number): Promise<void> {
  const key = Object.keys(result).find((k) => Array.isArray(result[k]));
  if (!key) throw new Error('nothing to repeat: the result has no list');
  const { [key]: items, ...rest } = result;
  const head = JSON.stringify({ ok: true, ...rest });
  return streamRepeated(
    res,
    200,
    { 'content-type': 'application/json; charset=utf-8' },
    {
      before: `${head.slice(0, -1)},${JSON.stringify(key)}:[`,
      items: items as unknown[],
      count,
      after: ']}',
    },
  );
}

/** Form-encoded or JSON bodies (and query strings), flattened to strings as Slack reads them. */
async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const params: Params = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) {
    const json = JSON.parse(body) as Record<string, unknown>;
    for (const [key, value] of Object.entries(json)) {
      if (value === undefined || value === null) continue;
      params[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  } else {
    for (const [key, value] of new URLSearchParams(body)) params[key] = value;
  }
  return params;
}

/** Listens on loopback only; a port in use rejects (EADDRINUSE) instead of crashing the process. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
