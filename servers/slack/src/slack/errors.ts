import {
  type AnyTool,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  type ToolError,
  UpstreamError,
} from '@refmcp/core';
import { formatBytes, tooLargeIn } from '@refmcp/core/upstream';
import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';

/** A 429 whose Retry-After is too long to wait out inside one tool call (see api.ts). */
export class RateLimitTooLongError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`rate limited for ${retryAfterSeconds} s`);
  }
}

/**
 * The wait a rate-limited call ended with: ours (too long to wait), or the client's own error
 * after its retries ran out ("A rate limit was exceeded (url: …, retry-after: N)"; the client has
 * no error class for it, so its message is read).
 */
export function rateLimitIn(error: unknown): { seconds: number; tooLong: boolean } | undefined {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof RateLimitTooLongError) return { seconds: e.retryAfterSeconds, tooLong: true };
    const match = /A rate limit was exceeded \(.*retry-after: (\d+)\)/.exec((e as Error).message ?? '');
    if (match) return { seconds: Number(match[1]), tooLong: false };
  }
  return undefined;
}

const TOKEN_HINT = 'Check SLACK_BOT_TOKEN / SLACK_USER_TOKEN and restart the server.';

/** Slack no longer accepts the token (in per-user mode this leads the user back to linking). */
export class TokenRejectedError extends PermissionDeniedError {}

/** The token lacks a scope Slack named (in per-user mode this asks the member to step up). */
export class MissingScopeError extends PermissionDeniedError {
  constructor(
    readonly scope: string | undefined,
    message: string,
    options: { hint: string },
  ) {
    super(message, options);
  }
}

/** Slack's `ok:false` codes, each said in words with what to do about it. */
function fromCode(code: string, data: Record<string, unknown>, method: string): ToolError {
  switch (code) {
    case 'not_in_channel':
      return new PermissionDeniedError('The app is not a member of this channel.', {
        hint: 'Invite it (/invite @app in the channel) or pick a channel it is in from slack_list_channels.',
      });
    case 'channel_not_found':
      return new NotFoundError('Slack has no such channel, or it is private and the token is not in it.', {
        hint: 'Use an ID or #name from slack_list_channels.',
      });
    case 'missing_scope': {
      const needed = typeof data.needed === 'string' ? data.needed : 'another';
      return new MissingScopeError(
        typeof data.needed === 'string' ? data.needed : undefined,
        `The token lacks the ${needed} scope needed for ${method}.`,
        {
          hint: `Add ${needed} to the Slack app's scopes, reinstall the app, and restart with the new token.`,
        },
      );
    }
    case 'ratelimited':
      return new UpstreamError('Slack is rate limiting these calls.', {
        status: 429,
        hint: 'Wait a minute before calling again, and ask for fewer pages.',
      });
    case 'not_authed':
    case 'invalid_auth':
    case 'token_revoked':
    case 'token_expired':
    case 'account_inactive':
      return new TokenRejectedError(`Slack rejected the token (${code}).`, { hint: TOKEN_HINT });
    case 'not_allowed_token_type':
      return new PermissionDeniedError(`${method} does not accept this kind of token.`, {
        hint: 'It needs a user token (SLACK_USER_TOKEN, xoxp-…).',
      });
    case 'is_archived':
      return new PermissionDeniedError('The channel is archived.', { hint: 'Pick an active channel.' });
    case 'message_not_found':
    case 'thread_not_found':
      return new NotFoundError('Slack has no message with that timestamp in this channel.', {
        hint: 'Timestamps (ts) come from slack_get_channel_history, e.g. "1712345678.000100".',
      });
    case 'user_not_found':
    case 'users_not_found':
      return new NotFoundError('Slack has no such user.', {
        hint: 'User IDs (U…) come from slack_get_users.',
      });
    case 'already_reacted':
      return new InvalidInputError('That reaction is already on the message.');
    case 'invalid_name':
      return new InvalidInputError('Slack does not know that name.', {
        hint: 'Reaction names are emoji names without colons, e.g. thumbsup.',
      });
    case 'invalid_cursor':
      return new InvalidInputError('Slack refused the cursor.', { hint: 'Omit cursor to start over.' });
    case 'name_already_exists':
      return new InvalidInputError('A usergroup with that name or handle exists.', {
        hint: 'See slack_list_usergroups.',
      });
    case 'no_such_subteam':
      return new NotFoundError('Slack has no such usergroup.', {
        hint: 'IDs (S…) come from slack_list_usergroups.',
      });
    case 'paid_only':
    case 'plan_upgrade_required':
      return new PermissionDeniedError(`${method} needs a paid Slack plan.`);
    default:
      return new UpstreamError(`Slack ${method} failed: ${code}.`);
  }
}

/** Slack's error codes are short snake_case words; anything else is not an answer from Slack. */
const ERROR_CODE = /^[a-z0-9_.]{1,80}$/;

/** Turns whatever the Web API client threw into an error the model can act on. */
export function toSlackToolError(error: unknown, method: string, apiUrl: string): unknown {
  const tooLarge = tooLargeIn(error);
  if (tooLarge) {
    return new UpstreamError(
      `Slack answered more than ${formatBytes(tooLarge.limitBytes)} to ${method}; narrow the request (a smaller limit or duration) or raise --max-response-bytes.`,
      {
        hint: 'Ask for fewer messages or a shorter duration. The limit is set by whoever runs this server (--max-response-bytes, SLACK_MAX_RESPONSE_BYTES).',
      },
    );
  }
  const limited = rateLimitIn(error);
  if (limited) return rateLimited(limited.seconds);
  if (error instanceof WebAPIPlatformError) {
    const data = error.data as unknown as Record<string, unknown>;
    // The client reports a body that is not JSON as `ok: false` with the whole body as the code.
    if (typeof data.error === 'string' && !ERROR_CODE.test(data.error)) {
      return new UpstreamError(`Slack's answer to ${method} was not valid JSON.`, {
        hint: 'Try again; if it persists, check SLACK_API_URL and any proxy in front of Slack.',
      });
    }
    return fromCode(String(data.error ?? 'unknown_error'), data, method);
  }
  if (error instanceof WebAPIRateLimitedError) return rateLimited(error.retryAfter);
  if (error instanceof WebAPIHTTPError) {
    return new UpstreamError(`Slack answered HTTP ${error.statusCode} to ${method}.`, {
      status: error.statusCode,
      hint: 'Try again later; check SLACK_API_URL if this persists.',
    });
  }
  if (error instanceof WebAPIRequestError) {
    return new UpstreamError(`Could not reach the Slack API at ${new URL(apiUrl).host}.`, {
      hint: 'Check the network and SLACK_API_URL, then try again.',
    });
  }
  return error;
}

function rateLimited(seconds: number): ToolError {
  return new UpstreamError('Slack is rate limiting these calls.', {
    status: 429,
    retryAfterSeconds: seconds,
    hint: `Wait at least ${seconds} second${seconds === 1 ? '' : 's'} before calling again; other tools still work.`,
  });
}

/**
 * Tools read Slack's answers as the Web API documents them, so reading a field that is not there
 * (or iterating something that is not a list) means the answer was not what Slack documents: a
 * proxy or a hostile upstream. Said so, not reported as an internal error.
 */
const SHAPE_ERROR =
  /Cannot read properties of (undefined|null)|is not (a function|iterable)|Cannot convert undefined or null|Spread syntax requires|Cannot create property/;

export function withShapeErrors<Deps>(tool: AnyTool<Deps>): AnyTool<Deps> {
  return {
    ...tool,
    handler: async (input, ctx) => {
      try {
        return await tool.handler(input, ctx);
      } catch (error) {
        if (!(error instanceof TypeError) || !SHAPE_ERROR.test(error.message)) throw error;
        throw new UpstreamError(
          `Slack's answer for ${tool.name} was not in the documented shape (${error.message}).`,
          {
            cause: error,
            hint: 'Try again; if it persists, tell the user: SLACK_API_URL or a proxy in front of Slack answers differently from Slack.',
          },
        );
      }
    },
  };
}
