import { cutText } from '@refmcp/core/upstream';
import * as z from 'zod';

/**
 * The longest message text returned, in characters: Slack's own limit for a message (it cuts
 * longer ones), so only a hostile or broken upstream exceeds it. The cut says how much went.
 */
export const MAX_TEXT_CHARS = 40_000;

/**
 * "1 message", "2 messages", "1 reply": a count with its noun in the right number. English has
 * one singular count, so no Intl.PluralRules (about 10 µs a call, once per call).
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** A message as the model reads it: names resolved, ISO time, counts instead of raw lists. */
export const messageSchema = z.object({
  ts: z.string(),
  time: z.string(),
  user: z.string().optional(),
  userName: z.string().optional(),
  text: z.string(),
  threadTs: z.string().optional(),
  replyCount: z.number().optional(),
  reactions: z.array(z.object({ name: z.string(), count: z.number() })).optional(),
  subtype: z.string().optional(),
});
export type Message = z.infer<typeof messageSchema>;

export interface RawMessage {
  ts?: string;
  user?: string;
  username?: string;
  bot_id?: string;
  text?: string;
  thread_ts?: string;
  reply_count?: number;
  reactions?: Array<{ name?: string; count?: number }>;
  subtype?: string;
}

const DAY_SECONDS = 86_400;
const SECONDS = /^-?\d{1,13}$/;
/** The last day formatted: a page of messages mostly falls on a few days. */
let lastDay = { day: Number.NaN, prefix: '' };
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * Slack ts ("1712345678.000100") as ISO 8601 to the second, UTC. The date part is formatted once
 * per day and the time by hand: toISOString for every message was most of a page's formatting.
 */
export function isoTime(ts: string): string {
  const dot = ts.indexOf('.');
  const whole = dot === -1 ? ts : ts.slice(0, dot);
  const seconds = Number(whole);
  // Beyond ±8.64e15 ms a Date is invalid (toISOString would throw): keep such a ts as it came.
  if (!SECONDS.test(whole) || Math.abs(seconds) > 8.64e12) return ts;
  const day = Math.floor(seconds / DAY_SECONDS);
  if (day !== lastDay.day) {
    const iso = new Date(day * DAY_SECONDS * 1000).toISOString();
    lastDay = { day, prefix: iso.slice(0, iso.indexOf('T') + 1) };
  }
  const rest = seconds - day * DAY_SECONDS;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor(rest / 60) % 60;
  return `${lastDay.prefix}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(rest % 60)}Z`;
}

/**
 * Slack markup in message text made readable: mentions by name, links as "label (url)". Slack
 * escapes '<' and '>' in text, so no part of a markup token holds either: every pattern stops at
 * the next one. Scanning on to the next '>' instead went quadratic on unterminated markup (40,000
 * characters of "<@U1|" held the event loop for 0.7 s, a page of them for minutes).
 */
export function readableText(text: string, names: ReadonlyMap<string, string>): string {
  // Most messages have no markup: skip the regular expressions for them.
  if (!text.includes('<') && !text.includes('&')) return text;
  return text
    .replace(
      /<@([UW][A-Z0-9]+)(?:\|([^<>]*))?>/g,
      (_m, id: string, label?: string) => `@${names.get(id) ?? label ?? id}`,
    )
    .replace(/<#([CG][A-Z0-9]+)\|([^<>]*)>/g, (_m, _id: string, name: string) => `#${name}`)
    .replace(/<!(here|channel|everyone)(?:\|[^<>]*)?>/g, '@$1')
    .replace(/<(https?:[^|<>]+)\|([^<>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function toMessage(raw: RawMessage, names: ReadonlyMap<string, string>): Message {
  const ts = typeof raw.ts === 'string' ? raw.ts : '';
  // Cut before the markup is read: the regular expressions then see at most MAX_TEXT_CHARS.
  const text = typeof raw.text === 'string' ? cutText(raw.text, MAX_TEXT_CHARS) : '';
  const message: Message = { ts, time: isoTime(ts), text: readableText(text, names) };
  if (raw.user) message.user = raw.user;
  const userName = (raw.user && names.get(raw.user)) || raw.username;
  if (userName) message.userName = userName;
  if (raw.thread_ts && raw.thread_ts !== ts) message.threadTs = raw.thread_ts;
  if (raw.reply_count) message.replyCount = raw.reply_count;
  const reactions = (raw.reactions ?? []).map((r) => ({ name: r.name ?? '', count: r.count ?? 0 }));
  if (reactions.length > 0) message.reactions = reactions;
  if (raw.subtype) message.subtype = raw.subtype;
  return message;
}

/** One line per message: time, author, text, then thread and reaction counts. */
export function renderMessage(m: Message): string {
  const who = m.userName ?? m.user ?? 'unknown';
  const extras = [
    m.replyCount ? countOf(m.replyCount, 'reply', 'replies') : '',
    ...(m.reactions ?? []).map((r) => `:${r.name}:×${r.count}`),
  ].filter(Boolean);
  const suffix = extras.length > 0 ? ` [${extras.join(', ')}]` : '';
  return `${m.time} ${who} (ts ${m.ts}): ${m.text.replace(/\n/g, '\n  ')}${suffix}`;
}

export const pageHint = (nextCursor: string | undefined) =>
  nextCursor ? `\nMore: pass cursor "${nextCursor}".` : '';

/** A page of one conversation's messages, as history and thread replies return it. */
export const messagesOutput = z.object({
  channel: z.object({ id: z.string(), name: z.string().optional() }),
  messages: z.array(messageSchema),
  nextCursor: z.string().optional(),
});

export function renderMessages({ channel, messages, nextCursor }: z.output<typeof messagesOutput>): string {
  const where = channel.name ? `#${channel.name}` : channel.id;
  if (messages.length === 0) return `No messages in ${where}.${pageHint(nextCursor)}`;
  return `${where}, ${countOf(messages.length, 'message')}:\n${messages.map(renderMessage).join('\n')}${pageHint(nextCursor)}`;
}
