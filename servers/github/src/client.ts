import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from '@refmcp/core';
import Bottleneck from 'bottleneck';
import type { GitHubConfig } from './config.js';

/** The plugins add no methods, so the client is typed as a plain Octokit. */
export type GitHubClient = Octokit;
const ThrottledOctokit: typeof Octokit = Octokit.plugin(throttling, retry) as unknown as typeof Octokit;

/**
 * One Octokit per app. Construction makes no request: hosts start servers before the network is
 * up, so a bad token or an unreachable host is reported on the first call instead.
 *
 * Rate limits: a wait GitHub asks for (Retry-After, or the primary limit's reset time) is retried
 * once when it is at most `maxRetryWaitSeconds`; longer waits fail fast with the reset time, so
 * the model can tell the user instead of hanging. 5xx answers are retried by the retry plugin.
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
  const spaced = (id: string) =>
    new Bottleneck.Group({ id: `refmcp-${id}`, maxConcurrent: 1, minTime: config.writeSpacingMs });
  return new ThrottledOctokit({
    auth: config.token,
    baseUrl: config.apiUrl,
    userAgent: `refmcp-github/${version}`,
    throttle: {
      onRateLimit: wantRetry('primary'),
      onSecondaryRateLimit: wantRetry('secondary'),
      retryAfterBaseValue: config.retryAfterUnitMs,
      fallbackSecondaryRateRetryAfter: 60,
      write: spaced('write'),
      search: spaced('search'),
      notifications: spaced('notifications'),
    },
    retry: { retries: 1, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
    // Octokit's own logging would write to stdout, which carries JSON-RPC.
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => logger.debug('octokit', { message }),
      error: (message: string) => logger.debug('octokit', { message }),
    },
  });
}
