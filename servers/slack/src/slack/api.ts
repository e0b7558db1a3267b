import type { Logger } from '@refmcp/core';
import { boundedFetch, tooLargeIn } from '@refmcp/core/upstream';
import { LogLevel, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import type { SlackConfig, TokenKind } from '../config.js';
import { RateLimitTooLongError, rateLimitIn, toSlackToolError } from './errors.js';
import { TIER_CONCURRENCY, type Tier, tierOf } from './tiers.js';
import { fetchVia, requestVia, slackDispatcher } from './transport.js';

/** The longest Retry-After the client waits out inside one call; a longer one is answered with the wait (s). */
export const MAX_RATE_LIMIT_WAIT_S = 10;

export type SlackParams = Record<string, string | number | boolean | undefined>;

/** The one way tools reach Slack: a method name, params, and errors already in the model's words. */
export interface SlackApi {
  readonly tokenKind: TokenKind;
  call<T = Record<string, unknown>>(method: string, params?: SlackParams): Promise<T>;
  /** fetch through the same proxy and CA settings as the API calls (for file transfers). */
  readonly fetch: typeof fetch;
}

/** The Web API client's log lines go to our stderr logger, which redacts the token. */
function bridgeLogger(logger: Logger): SlackLogger {
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg: unknown[]) => logger.debug(text(msg)),
    info: (...msg: unknown[]) => logger.info(text(msg)),
    warn: (...msg: unknown[]) => logger.warn(text(msg)),
    error: (...msg: unknown[]) => logger.error(text(msg)),
    setLevel: () => {},
    getLevel: () => (logger.level === 'debug' ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}

/**
 * A 429 whose Retry-After is longer than a tool call should wait fails here, before the client
 * sees it: the client would otherwise hold the tier's queue for the whole Retry-After (an hour,
 * at worst). Shorter ones reach the client, which waits and retries them itself.
 */
function refusingLongRateLimits(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.status === 429) {
      const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      if (Number.isFinite(seconds) && seconds > MAX_RATE_LIMIT_WAIT_S) {
        await response.body?.cancel().catch(() => {});
        throw new RateLimitTooLongError(seconds);
      }
    }
    return response;
  };
}

export function createSlackApi(config: SlackConfig, logger: Logger): SlackApi {
  const dispatcher = slackDispatcher(config);
  const transport = fetchVia(dispatcher);
  const retryConfig = {
    retries: config.maxRetries,
    factor: 2,
    minTimeout: 250,
    maxTimeout: 4000,
    randomize: true,
    // p-retry's hook (the client hands retryConfig to p-retry whole; its type lists only the
    // `retry` options). Throwing here ends the retries with this error: an answer refused for its
    // size would be as large again, and a long Retry-After is the caller's to wait out.
    onFailedAttempt: (error: unknown) => {
      if (tooLargeIn(error) || rateLimitIn(error)?.tooLong) throw error;
    },
  };
  // Every answer is read with a byte cap (bounded-fetch.ts); a longer one fails the call.
  const apiFetch = refusingLongRateLimits(
    requestVia(dispatcher, config.maxResponseBytes, boundedFetch(config.maxResponseBytes, transport)),
  );
  const clients = new Map<Tier, WebClient>();
  const clientFor = (tier: Tier) => {
    let client = clients.get(tier);
    if (!client) {
      client = new WebClient(config.token, {
        slackApiUrl: config.apiUrl,
        logger: bridgeLogger(logger.child('slack')),
        // The client's own retry policy: errors and short 429s are retried, Retry-After honoured.
        retryConfig,
        maxRequestConcurrency: TIER_CONCURRENCY[tier],
        fetch: apiFetch,
        timeout: config.requestTimeoutMs,
        // Security: a method name is never an absolute URL, so the token goes to the API only.
        allowAbsoluteUrls: false,
        ...(config.teamId && { teamId: config.teamId }),
      });
      clients.set(tier, client);
    }
    return client;
  };
  return {
    tokenKind: config.tokenKind,
    fetch: transport,
    async call<T>(method: string, params: SlackParams = {}): Promise<T> {
      const clean: Record<string, string | number | boolean> = {};
      for (const [key, value] of Object.entries(params)) if (value !== undefined) clean[key] = value;
      try {
        return (await clientFor(tierOf(method)).apiCall(method, clean)) as T;
      } catch (error) {
        throw toSlackToolError(error, method, config.apiUrl);
      }
    },
  };
}
