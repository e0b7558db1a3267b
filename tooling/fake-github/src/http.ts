import type { Urls } from './shapes.js';
import type { FakeGitHub, FakeRepo } from './state.js';

/** Plumbing shared by the route modules: request context, errors and pagination in GitHub's style. */

export interface Request {
  gh: FakeGitHub;
  urls: Urls;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The body as sent, for uploads that are not JSON. */
  raw: Buffer;
  /** The request's Content-Type. */
  contentType: string;
  accept: string;
  /** The authenticated login. */
  login: string;
  /** Set by `page` to the Link header value. */
  link?: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** A non-JSON body (diffs, logs). */
  text?: string;
  headers?: Record<string, string>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export type Handler = (req: Request) => Reply | unknown;

export interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** `/repos/{owner}/{repo}/contents/{path*}`: `{x*}` matches across slashes. */
export function route(method: string, template: string, handler: Handler): Route {
  const keys: string[] = [];
  const source = template.replace(/\{(\w+)(\*?)\}/g, (_, key: string, star: string) => {
    keys.push(key);
    return star ? '(.*)' : '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}$`), keys, handler };
}

export const notFound = (): HttpError => new HttpError(404, 'Not Found');

export function validationFailed(resource: string, field: string, code: string, message?: string): HttpError {
  return new HttpError(422, 'Validation Failed', {
    errors: [{ resource, field, code, ...(message && { message }) }],
  });
}

/** The repository from the path, or the 404 GitHub gives for missing and invisible ones alike. */
export function repoOf(req: Request): FakeRepo {
  const repo = req.gh.repo(req.params.owner ?? '', req.params.repo ?? '');
  // Security: private repositories are indistinguishable from missing ones, as on GitHub.
  if (!repo || !req.gh.canSee(repo, req.login)) throw notFound();
  return repo;
}

export function requirePush(req: Request, repo: FakeRepo): void {
  const permission = req.gh.permission(repo, req.login);
  if (permission !== 'admin' && permission !== 'write') {
    throw new HttpError(403, 'Resource not accessible by personal access token');
  }
}

/** page/per_page slicing with a GitHub-style Link header (next, last, first, prev). */
export function page<T>(req: Request, items: readonly T[], path: string): T[] {
  const perPage = Math.min(Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1), 100);
  const current = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string) => {
    const q = new URLSearchParams(req.query);
    q.set('per_page', String(perPage));
    q.set('page', String(n));
    return `<${req.urls.api}${path}?${q}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (current > 1) links.push(link(current - 1, 'prev'), link(1, 'first'));
  if (current < last) links.push(link(current + 1, 'next'), link(last, 'last'));
  if (links.length > 0) req.link = links.join(', ');
  return items.slice((current - 1) * perPage, current * perPage);
}

export function str(value: unknown, field: string, resource: string): string {
  if (typeof value !== 'string' || value === '') throw validationFailed(resource, field, 'missing_field');
  return value;
}
