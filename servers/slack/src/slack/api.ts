import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@refmcp/core';
import { boundedFetch, tooLargeIn } from '@refmcp/core/upstream';
import { LogLevel, type Logger as SlackLogger, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import type { SlackConfig, TokenKind } from '../config.js';
import { toSlackToolError } from './errors.js';

/** The longest Retry-After one call waits out before it is answered with the wait instead (s). */
const MAX_RATE_LIMIT_WAIT_S = 10;

export type SlackParams = Record<string, string | number | boolean | undefined>;

/** The one way tools reach Slack: a method name, params, and errors already in the model's words. */
export interface SlackApi {
  readonly tokenKind: TokenKind;
  call<T = Record<string, unknown>>(method: string, params?: SlackParams): Promise<T>;
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

export function createSlackApi(config: SlackConfig, logger: Logger): SlackApi {
  const retryConfig = {
    retries: config.maxRetries,
    factor: 2,
    minTimeout: 250,
    maxTimeout: 4000,
    randomize: true,
    // p-retry's hook (the client hands retryConfig to p-retry whole; its type lists only the
    // `retry` options): an answer refused for its size would be as large again, so it is not
    // retried. Throwing here ends the retries with this error.
    onFailedAttempt: (error: unknown) => {
      if (tooLargeIn(error)) throw error;
    },
  };
  const client = new WebClient(config.token, {
    slackApiUrl: config.apiUrl,
    logger: bridgeLogger(logger.child('slack')),
    // The client's own retry policy (429 Retry-After included), sized so a tool call stays short.
    retryConfig,
    // Every answer is read with a byte cap (bounded-fetch.ts); a longer one fails the call.
    fetch: boundedFetch(config.maxResponseBytes),
    timeout: config.requestTimeoutMs,
    // On a 429 the client would otherwise pause its whole queue for the Retry-After, so one
    // rate-limited call (Retry-After: 3600) would stall every other call of the server for an hour.
    // Rejected at once instead: only the call that met the limit waits, and only a short while.
    rejectRateLimitedCalls: true,
    ...(config.teamId && { teamId: config.teamId }),
  });
  return {
    tokenKind: config.tokenKind,
    async call<T>(method: string, params: SlackParams = {}): Promise<T> {
      const clean: Record<string, string | number | boolean> = {};
      for (const [key, value] of Object.entries(params)) if (value !== undefined) clean[key] = value;
      for (let attempt = 0; ; attempt++) {
        try {
          return (await client.apiCall(method, clean)) as T;
        } catch (error) {
          const shortWait =
            error instanceof WebAPIRateLimitedError &&
            attempt < config.maxRetries &&
            error.retryAfter <= MAX_RATE_LIMIT_WAIT_S;
          if (!shortWait) throw toSlackToolError(error, method, config.apiUrl);
          logger.info('rate limited; this call waits', { method, seconds: error.retryAfter });
          await sleep(error.retryAfter * 1000);
        }
      }
    },
  };
}
