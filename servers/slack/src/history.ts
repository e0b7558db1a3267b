import { decodeCursor, encodeCursor, InvalidInputError, UpstreamError } from '@refmcp/core';
import { MAX_RESULT_BYTES } from '@refmcp/core/upstream';
import * as z from 'zod';
import type { SlackDeps } from './deps.js';
import { type messagesOutput, type RawMessage, toMessage } from './format.js';
import type { SlackApi, SlackParams } from './slack/api.js';

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400, w: 604_800 };

export const durationSchema = z
  .string()
  .regex(/^\d+[mhdw]$/, 'like 30m, 12h, 1d, 7d or 2w')
  .describe('Only messages newer than this: 30m, 12h, 1d, 7d, 2w');

/** "7d" as the Slack ts that many seconds before `now`. */
export function oldestFor(duration: string, now: number): string {
  const match = /^(\d+)([mhdw])$/.exec(duration);
  if (!match) throw new InvalidInputError(`Duration "${duration}" is not like 1d or 12h.`);
  const seconds = Number(match[1]) * (UNITS[match[2]!] ?? 0);
  return (Math.floor(now / 1000) - seconds).toFixed(6);
}

const cursorState = z.object({ c: z.string(), o: z.string().optional() });

/** Slack returns at most this many per request; larger limits take several requests. */
const SLACK_PAGE = 200;
/**
 * Once this much message text is in hand, no further Slack page is asked for: the result could
 * not show more (see bounded-result.ts), and the next cursor starts where this one stopped.
 */
const ENOUGH_TEXT_CHARS = MAX_RESULT_BYTES;

export interface MessagePage {
  messages: RawMessage[];
  nextCursor?: string;
}

/**
 * Up to `limit` messages from conversations.history or .replies, following Slack's cursors across
 * as many requests as that takes. Our cursor carries Slack's plus the time window, so the next
 * page keeps the duration the first one was asked with.
 */
export async function fetchMessages(
  api: SlackApi,
  method: 'conversations.history' | 'conversations.replies',
  params: SlackParams,
  options: { limit: number; duration?: string | undefined; cursor?: string | undefined; now: number },
): Promise<MessagePage> {
  const state = options.cursor ? decodeCursor(options.cursor, cursorState) : undefined;
  const oldest = state ? state.o : options.duration ? oldestFor(options.duration, options.now) : undefined;
  let slackCursor = state?.c;
  const messages: RawMessage[] = [];
  let textChars = 0;
  while (messages.length < options.limit && textChars < ENOUGH_TEXT_CHARS) {
    const page = await api.call<{ messages?: RawMessage[]; response_metadata?: { next_cursor?: string } }>(
      method,
      {
        ...params,
        ...(oldest !== undefined && { oldest }),
        limit: Math.min(SLACK_PAGE, options.limit - messages.length),
        cursor: slackCursor,
      },
    );
    const received = page.messages ?? [];
    if (!Array.isArray(received)) {
      throw new UpstreamError(`Slack's answer to ${method} had no list of messages.`, {
        hint: 'Try again; if it persists, check SLACK_API_URL and any proxy in front of Slack.',
      });
    }
    // A page longer than asked for (an upstream ignoring `limit`) is cut to what is wanted.
    for (const message of received.slice(0, options.limit - messages.length)) {
      messages.push(message);
      textChars += typeof message?.text === 'string' ? message.text.length : 0;
    }
    slackCursor = page.response_metadata?.next_cursor || undefined;
    if (!slackCursor) break;
  }
  const result: MessagePage = { messages: messages.slice(0, options.limit) };
  if (slackCursor) result.nextCursor = encodeCursor({ c: slackCursor, ...(oldest && { o: oldest }) });
  return result;
}

/** One page of a channel's history or a thread, with user names resolved: what both tools return. */
export async function conversationPage(
  deps: SlackDeps,
  channel: string,
  method: 'conversations.history' | 'conversations.replies',
  params: SlackParams,
  paging: { limit: number; duration?: string | undefined; cursor?: string | undefined },
): Promise<z.input<typeof messagesOutput>> {
  const [page, names] = await Promise.all([
    fetchMessages(deps.api, method, { channel, ...params }, { ...paging, now: deps.now() }),
    deps.directory.userNames(),
  ]);
  const name = deps.directory.channelName(channel);
  return {
    channel: { id: channel, ...(name && { name }) },
    messages: page.messages.map((m) => toMessage(m, names)),
    ...(page.nextCursor && { nextCursor: page.nextCursor }),
  };
}
