import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamRepeated } from './flood.js';
import { answerGraphql } from './graphql.js';
import { HttpError, type Reply, type Request, type Route } from './http.js';
import { handleOAuth, isOAuthPath } from './oauth.js';
import { actionRoutes } from './routes-actions.js';
import { actionRunRoutes } from './routes-actions-runs.js';
import { advisoryRoutes } from './routes-advisories.js';
import { alertRoutes } from './routes-alerts.js';
import { extraRoutes } from './routes-extra.js';
import { gitRoutes } from './routes-git.js';
import { issueRoutes } from './routes-issues.js';
import { milestoneRoutes } from './routes-milestones.js';
import { peopleRoutes } from './routes-people.js';
import { projectViewRoutes } from './routes-project-views.js';
import { projectRoutes } from './routes-projects.js';
import { pullReviewerRoutes } from './routes-pull-reviewers.js';
import { pullRoutes } from './routes-pulls.js';
import { reactionRoutes } from './routes-reactions.js';
import { releaseRoutes } from './routes-releases.js';
import { repoRoutes } from './routes-repos.js';
import { reviewCommentRoutes } from './routes-review-comments.js';
import { searchRoutes } from './routes-search.js';
import { subscriptionRoutes } from './routes-subscriptions.js';
import { FakeGitHub } from './state.js';

export interface FakeGitHubServer {
  /** Base URL for a client, like https://api.github.com (no trailing slash). */
  apiUrl: string;
  gh: FakeGitHub;
  /**
   * The next `times` requests whose path matches `path` are refused as GitHub's rate limiter does:
   * `primary` is a 403 with `x-ratelimit-remaining: 0` and a reset time, `secondary` a 429 with
   * `retry-after`.
   */
  rateLimit(path: RegExp, times: number, kind: 'primary' | 'secondary', retryAfterSeconds?: number): void;
  /** The next `times` requests whose path matches `path` fail with a server error (502 by default). */
  serverError(path: RegExp, times: number, status?: number): void;
  /**
   * Hostile upstream: the next `times` GET requests whose path matches `path` answer their real
   * JSON list with its items repeated until there are `items` of them, streamed without a
   * Content-Length, as an upstream or proxy that ignores `per_page` would. Each item keeps
   * GitHub's shape; only the count is wrong.
   */
  floodList(path: RegExp, items: number, times?: number): void;
  /**
   * Hostile upstream: the next `times` requests whose path matches `path` get exactly `reply`,
   * whatever the route would say, for testing what a client makes of an answer GitHub does not
   * give (a missing field, a wrong type, a body that is not JSON). The only way the fake strays
   * from GitHub's shapes, and only when a test asks; these answers are not kept in `responses`.
   */
  answerNext(path: RegExp, reply: Reply, times?: number): void;
  /**
   * Every REST response sent (304s too, with no body), for validating against the OpenAPI
   * description. GraphQL answers are in `gh.graphqlCalls` instead.
   */
  responses: Array<{ method: string; path: string; status: number; body: unknown }>;
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  gh?: FakeGitHub;
  /** Added to every response, to model network latency. */
  latencyMs?: number;
  /** Loopback port to listen on; 0 (the default) picks a free one. */
  port?: number;
}

const ROUTES: Route[] = [
  ...repoRoutes,
  ...gitRoutes,
  ...issueRoutes,
  ...pullRoutes,
  ...reviewCommentRoutes,
  ...reactionRoutes,
  ...pullReviewerRoutes,
  ...searchRoutes,
  ...extraRoutes,
  ...actionRoutes,
  ...alertRoutes,
  ...peopleRoutes,
  ...releaseRoutes,
  ...advisoryRoutes,
  ...subscriptionRoutes,
  ...projectRoutes,
  ...projectViewRoutes,
  ...actionRunRoutes,
  ...milestoneRoutes,
];
const DOCS = 'https://docs.github.com/rest';
/** Endpoints that need a classic scope beyond what a token has, for the X-Accepted-OAuth-Scopes header. */
const SCOPES: Array<[RegExp, string[]]> = [
  [/^\/notifications|^\/repos\/[^/]+\/[^/]+\/notifications/, ['notifications', 'repo']],
  [/^\/user\/teams|^\/orgs\//, ['read:org']],
  [/^\/repos\/|^\/user\/repos/, ['repo', 'public_repo']],
];
/** Deleting a repository takes its own classic scope; `repo` does not include it. */
const DELETE_REPO = /^\/repos\/[^/]+\/[^/]+$/;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHubServer> {
  const gh = options.gh ?? new FakeGitHub();
  const limits: Array<{ path: RegExp; times: number; kind: 'primary' | 'secondary'; retryAfter: number }> =
    [];
  const outages: Array<{ path: RegExp; times: number; status: number }> = [];
  const floods: Array<{ path: RegExp; times: number; items: number }> = [];
  const answers: Array<{ path: RegExp; times: number; reply: Reply }> = [];
  const responses: FakeGitHubServer['responses'] = [];
  let apiUrl = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v3/, ''));
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': path.startsWith('/search') ? 'search' : 'core',
    };
    /** `record: false` for hostile answers: `responses` holds only what the fake says as GitHub. */
    const send = (reply: Reply, record = true) => {
      const empty = reply.text === undefined && reply.body === undefined;
      const text = reply.text ?? (empty ? '' : JSON.stringify(reply.body));
      const all = { ...headers, ...reply.headers };
      if (reply.text === undefined && !empty) all['content-type'] = 'application/json; charset=utf-8';
      else if (reply.text !== undefined) all['content-type'] ??= 'text/plain; charset=utf-8';
      const flood = floods.find((f) => f.times > 0 && f.path.test(path));
      if (flood && method === 'GET' && reply.status === 200 && Array.isArray(reply.body)) {
        flood.times--;
        responses.push({ method, path, status: reply.status, body: reply.body });
        const items = reply.body as unknown[];
        const parts = { before: '[', items, count: flood.items, after: ']' };
        return void streamRepeated(res, reply.status, all, parts).catch(() => res.destroy());
      }
      if (method === 'GET' && reply.status === 200) {
        const etag = `W/"${createHash('sha1').update(text).digest('hex')}"`;
        all.etag = etag;
        if (notModified(req.headers['if-none-match'], etag)) {
          // A 304 has no body, so nothing describes one.
          delete all['content-type'];
          if (record) responses.push({ method, path, status: 304, body: undefined });
          return finish(304, all, '');
        }
      }
      if (record) responses.push({ method, path, status: reply.status, body: reply.text ?? reply.body });
      finish(reply.status, all, text);
    };
    const finish = (status: number, all: Record<string, string>, text: string) => {
      const write = () => res.writeHead(status, all).end(text);
      if (options.latencyMs) setTimeout(write, options.latencyMs);
      else write();
    };
    const fail = (status: number, message: string, extra: Record<string, unknown> = {}) =>
      send({ status, body: { message, documentation_url: DOCS, status: String(status), ...extra } });

    if (isOAuthPath(url.pathname)) return handleOAuth(gh, req, res);
    const raw = await readRaw(req);
    const body = parseJson(raw);
    const token = /^(?:token|Bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const auth = token ? gh.tokens.get(token) : undefined;
    gh.calls.push({
      method,
      path,
      ...(auth && { login: auth.login }),
      ...(url.search && { query: url.search.slice(1) }),
      ...(token && { token }),
      ...(Object.keys(body).length > 0 && { body }),
    });

    const answer = answers.find((a) => a.times > 0 && a.path.test(path));
    if (answer) {
      answer.times--;
      return send(answer.reply, false);
    }
    const outage = outages.find((o) => o.times > 0 && o.path.test(path));
    if (outage) {
      outage.times--;
      return fail(outage.status, 'Server Error');
    }
    const limit = limits.find((l) => l.times > 0 && l.path.test(path));
    if (limit) {
      limit.times--;
      if (limit.kind === 'primary') {
        headers['x-ratelimit-remaining'] = '0';
        headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + limit.retryAfter);
        return fail(403, `API rate limit exceeded for user ID 1.`);
      }
      headers['retry-after'] = String(limit.retryAfter);
      return fail(
        429,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      );
    }
    // Security: GitHub answers unauthenticated and bad-token requests alike with 401.
    if (!auth) return fail(401, 'Bad credentials');
    // Fine-grained and GitHub App tokens have permissions, not scopes: no X-OAuth-Scopes header.
    const scopes = auth.scopes;
    if (scopes) headers['x-oauth-scopes'] = scopes.join(', ');
    const has = (scope: string) => scopes === null || scopes.includes(scope);
    const deletesRepo = method === 'DELETE' && DELETE_REPO.test(path);
    const needed = deletesRepo ? ['delete_repo'] : SCOPES.find(([pattern]) => pattern.test(path))?.[1];
    if (needed) headers['x-accepted-oauth-scopes'] = needed.join(', ');
    const writes = method !== 'GET' || !path.startsWith('/repos/');
    if (needed && writes && !needed.some(has)) {
      return fail(
        403,
        deletesRepo
          ? 'Must have admin rights to Repository.'
          : 'Resource not accessible by personal access token',
      );
    }
    // A classic token without `repo` cannot see private repositories: GitHub answers 404, as for
    // one that does not exist, and names the scope it would accept.
    const [, repoOwner, repoName] = /^\/repos\/([^/]+)\/([^/]+)/.exec(path) ?? [];
    if (repoOwner && repoName && !has('repo') && gh.repo(repoOwner, repoName)?.private) {
      headers['x-accepted-oauth-scopes'] = 'repo';
      return fail(404, 'Not Found');
    }

    // GitHub.com serves GraphQL at /graphql, Enterprise Server at /api/graphql.
    if (method === 'POST' && (path === '/graphql' || path === '/api/graphql')) {
      headers['x-ratelimit-resource'] = 'graphql';
      const urls = { api: apiUrl, web: apiUrl.replace('//127.0.0.1', '//localhost') };
      return send(await answerGraphql({ gh, urls, login: auth.login, token: token ?? '', body }), false);
    }
    for (const r of ROUTES) {
      if (r.method !== method) continue;
      const match = r.pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(r.keys.map((k, i) => [k, match[i + 1] ?? '']));
      const request: Request = {
        gh,
        urls: { api: apiUrl, web: apiUrl.replace('//127.0.0.1', '//localhost') },
        method,
        params,
        query: url.searchParams,
        body,
        raw,
        contentType: req.headers['content-type'] ?? '',
        accept: req.headers.accept ?? '',
        login: auth.login,
      };
      try {
        const out = r.handler(request);
        const reply =
          out && typeof out === 'object' && 'status' in out && typeof out.status === 'number'
            ? (out as Reply)
            : { status: 200, body: out };
        if (request.link) reply.headers = { ...reply.headers, link: request.link };
        return send(reply);
      } catch (error) {
        if (error instanceof HttpError) return fail(error.status, error.message, error.extra);
        return fail(500, error instanceof Error ? error.message : 'Server Error');
      }
    }
    return fail(404, 'Not Found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await listen(server, options.port ?? 0);
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl,
    gh,
    responses,
    rateLimit(path, times, kind, retryAfterSeconds = 1) {
      limits.push({ path, times, kind, retryAfter: retryAfterSeconds });
    },
    serverError(path, times, status = 502) {
      outages.push({ path, times, status });
    },
    floodList(path, items, times = 1) {
      floods.push({ path, times, items });
    },
    answerNext(path, reply, times = 1) {
      answers.push({ path, times, reply });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** If-None-Match holds one or more ETags (or `*`); GET compares them weakly (RFC 9110 13.1.2). */
function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
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
