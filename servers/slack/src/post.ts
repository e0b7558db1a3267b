import * as z from 'zod';
import type { SlackDeps } from './deps.js';
import { writableChannel } from './deps.js';
import { isoTime } from './format.js';
import { markdownToMrkdwn } from './mrkdwn.js';

export const postedSchema = z.object({
  channel: z.string(),
  ts: z.string(),
  time: z.string(),
  threadTs: z.string().optional(),
  text: z.string().describe('The text as sent, in Slack mrkdwn'),
});

/** Shared by post and reply: allow/deny lists first, then mrkdwn, unfurling off unless enabled. */
export async function post(deps: SlackDeps, channelRef: string, markdown: string, threadTs?: string) {
  const channel = await writableChannel(deps, channelRef);
  const text = markdownToMrkdwn(markdown);
  const res = await deps.api.call<{ channel: string; ts: string }>('chat.postMessage', {
    channel,
    text,
    thread_ts: threadTs,
    // Security: unfurling fetches link previews, which can leak what a link points to; opt-in.
    unfurl_links: deps.config.unfurl,
    unfurl_media: deps.config.unfurl,
  });
  return {
    channel: res.channel,
    ts: res.ts,
    time: isoTime(res.ts),
    ...(threadTs && { threadTs }),
    text,
  };
}

/** How a message shows in an approval question: its start, on one line. */
export function excerpt(markdown: string): string {
  const line = markdown.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

export const renderPosted = (p: z.output<typeof postedSchema>) =>
  `Posted to ${p.channel}${p.threadTs ? ` in thread ${p.threadTs}` : ''} at ${p.time} (ts ${p.ts}).`;
