import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from '@refmcp/core';
import { UpstreamError } from '@refmcp/core';
import { boundedFetch, tooLargeIn } from '@refmcp/core/upstream';
import type Bottleneck from 'bottleneck';
import type { GitHubConfig } from './config.js';
import { etagCache } from './etag-cache.js';
import { type FailedInfo, Limiter, LimiterGroup } from './limiter.js';

/** The plugins add no methods, so the client is typed as a plain Octokit. */
export type GitHubClient = Octokit;

type OctokitOptions = NonNullable<ConstructorParameters<typeof Octokit>[0]>;
type RequestOptions = { request: { retryCount?: number } };
/** What plugin-retry's error hook (or `octokit.retry.retryRequest`) leaves on an error to retry. */
type MarkedError = { request?: { request?: { retries?: number; retryAfter?: number } } };

/**
 * plugin-retry, with its scheduling on our limiter. The plugin decides what is retried, how often
 * and after how long (its error hook marks the error with the retries left and the wait), but its
 * wrap hook runs every request through a `new Bottleneck()` it imports itself, and it takes no
 * limiter option (8.1.1). So its wrap hook is replaced by the same schedule on a Limiter whose
 * `failed` listener reads that mark. The plugin's retry of GitHub's transient GraphQL failure
 * (a 200 whose error says "Something went wrong while executing your query") lives in that wrap
 * hook and is lost with it: such an answer fails the call with GitHub's message.
 */
function retryOnLimiter(octokit: Pick<Octokit, 'hook'>, options: OctokitOptions) {
  const unitMs = options.retry?.retryAfterBaseValue ?? 1000;
  const limiter = new Limiter();
  limiter.on('failed', (error: MarkedError, info: FailedInfo) => {
    // An answer refused for its size would be as large again: no retry (Octokit reports it as 500).
    if (tooLargeIn(error)) return undefined;
    const mark = error?.request?.request;
    (info.args[0] as RequestOptions).request.retryCount = info.retryCount + 1;
    if ((mark?.retries ?? 0) > info.retryCount) return (mark?.retryAfter ?? 0) * unitMs;
    return undefined;
  });
  const hook = {
    error: octokit.hook.error,
    wrap: (name: 'request') =>
      octokit.hook.wrap(name, (request, requestOptions) => limiter.schedule(request, requestOptions)),
  };
  return retry({ hook } as unknown as Octokit, options);
}

/**
 * Octokit hands on an answer whose JSON does not parse as a string (its fallback), and tools would
 * then fail on a missing field with "Cannot read properties of undefined". Refused here instead.
 */
function jsonAnswers(octokit: Pick<Octokit, 'hook'>) {
  octokit.hook.after('request', (response, options) => {
    const type = String(response.headers['content-type'] ?? '');
    if (/^application\/(.+\+)?json/i.test(type) && typeof response.data === 'string' && response.data) {
      throw new UpstreamError(`GitHub's answer to ${options.method} ${options.url} was not valid JSON.`, {
        hint: 'Try again; if it persists, a proxy between this server and GitHub may be altering answers.',
      });
    }
  });
  return {};
}

const ThrottledOctokit: typeof Octokit = Octokit.plugin(
  // First, so it checks each attempt's answer before the other plugins see it.
  jsonAnswers,
  throttling,
  retryOnLimiter,
  // Last, so it wraps the others: a 304 reaches it as an error they neither retry nor wait on.
  etagCache(),
) as unknown as typeof Octokit;

/**
 * One Octokit per app. Construction makes no request: hosts start servers before the network is
 * up, so a bad token or an unreachable host is reported on the first call instead.
 *
 * Rate limits: a wait GitHub asks for (Retry-After, or the primary limit's reset time) is retried
 * once when it is at most `maxRetryWaitSeconds`; longer waits fail fast with the reset time, so
 * the model can tell the user instead of hanging. 5xx answers are retried by the retry plugin.
 * Repeated GETs are conditional (see etag-cache.ts).
 * Both plugins schedule on our Limiter instead of Bottleneck (see limiter.ts), with the
 * concurrency the throttling plugin gives its own groups. Every limiter it uses is passed in, so
 * its process-wide default groups (created on first use) stay idle.
 */
export function createClient(config: GitHubConfig, logger: Logger, version: string): GitHubClient {
  const wantRetry =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      const retrying = retryCount < 1 && retryAfter <= config.maxRetryWaitSeconds;
      logger.warn(`GitHub ${kind} rate limit`, {
        request: `${options.method} ${options.url}`,
        retryAfter,
        retrying,
      });
      return retrying;
    };
  const group = (settings: { maxConcurrent: number; minTime?: number }) =>
    new LimiterGroup(settings) as unknown as Bottleneck.Group;
  const spaced = () => group({ maxConcurrent: 1, minTime: config.writeSpacingMs });
  const throttle = {
    onRateLimit: wantRetry('primary'),
    onSecondaryRateLimit: wantRetry('secondary'),
    retryAfterBaseValue: config.retryAfterUnitMs,
    fallbackSecondaryRateRetryAfter: 60,
    global: group({ maxConcurrent: 10 }),
    auth: group({ maxConcurrent: 1 }),
    write: spaced(),
    search: spaced(),
    notifications: spaced(),
    retryLimiter: new Limiter() as unknown as Bottleneck,
  };
  return new ThrottledOctokit({
    auth: config.token,
    baseUrl: config.apiUrl,
    userAgent: `refmcp-github/${version}`,
    // Every answer is read with a byte cap (bounded-fetch.ts); a longer one fails the call.
    request: { fetch: boundedFetch(config.maxResponseBytes) },
    throttle,
    retry: {
      retries: 1,
      retryAfterBaseValue: config.retryAfterUnitMs,
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    // Octokit's own logging would write to stdout, which carries JSON-RPC.
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => logger.debug('octokit', { message }),
      error: (message: string) => logger.debug('octokit', { message }),
    },
  });
}
