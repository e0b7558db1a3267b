import { type MethodContext, type Params, permalink, SlackFailure } from './context.js';
import { compareTs } from './state.js';

/** A date modifier's day (YYYY-MM-DD, UTC here; Slack uses the searcher's zone) as [start, end) seconds. */
function day(value: string): [number, number] {
  const start = Date.parse(`${value}T00:00:00Z`) / 1000;
  if (!Number.isFinite(start)) throw new SlackFailure('invalid_query');
  return [start, start + 86_400];
}

/**
 * Words must all appear; `in:#name`/`in:<#C…>`/`in:@user` (a DM), `from:@name`/`from:<@U…>`,
 * `after:`/`before:`/`on:` a YYYY-MM-DD day (exclusive, as Slack's are), and `has:link`/`has:file`
 * filter.
 */
export function searchMessages(params: Params, ctx: MethodContext): Record<string, unknown> {
  const { ws } = ctx;
  const query = params.query ?? '';
  if (!query.trim()) throw new SlackFailure('no_query');
  let inChannel: string | undefined;
  let fromUser: string | undefined;
  let after = -Infinity;
  let before = Infinity;
  const has = new Set<string>();
  const words: string[] = [];
  const userId = (ref: string) =>
    /^<@(\w+)>$/.exec(ref)?.[1] ?? ws.users.find((u) => u.name === ref.replace(/^@/, ''))?.id ?? '-';
  for (const term of query.split(/\s+/).filter(Boolean)) {
    const inMatch = /^in:(?:#(.+)|<#(\w+)(?:\|[^>]*)?>)$/.exec(term);
    const inDm = /^in:(@.+|<@\w+>)$/.exec(term);
    const fromMatch = /^from:(@.+|<@\w+>)$/.exec(term);
    const date = /^(after|before|on):(\d{4}-\d{2}-\d{2})$/.exec(term);
    const hasMatch = /^has:(link|file)$/.exec(term);
    if (inMatch) inChannel = inMatch[2] ?? ws.channels.find((c) => c.name === inMatch[1])?.id ?? '-';
    else if (inDm) {
      const other = userId(inDm[1]!);
      inChannel =
        ws.channels.find((c) => c.is_im && c.members.includes(other) && c.members.includes(ctx.token.userId))
          ?.id ?? '-';
    } else if (fromMatch) fromUser = userId(fromMatch[1]!);
    else if (date) {
      const [start, end] = day(date[2]!);
      if (date[1] === 'after') after = Math.max(after, end);
      else if (date[1] === 'before') before = Math.min(before, start);
      else [after, before] = [Math.max(after, start), Math.min(before, end)];
    } else if (hasMatch) has.add(hasMatch[1]!);
    else words.push(term.toLowerCase());
  }
  const matches: Array<Record<string, unknown>> = [];
  for (const channel of ws.channels) {
    if (inChannel && channel.id !== inChannel) continue;
    if (
      (channel.is_private || channel.is_im || channel.is_mpim) &&
      !channel.members.includes(ctx.token.userId)
    )
      continue;
    for (const m of channel.messages) {
      if (fromUser && m.user !== fromUser) continue;
      const seconds = Number(m.ts.split('.')[0]);
      if (seconds < after || seconds >= before) continue;
      if (has.has('link') && !/https?:\/\//.test(m.text)) continue;
      if (has.has('file') && !m.files?.length) continue;
      const text = m.text.toLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
      matches.push({
        iid: `${channel.id}-${m.ts}`,
        type: 'message',
        ts: m.ts,
        text: m.text,
        user: m.user,
        username: m.user ? ws.user(m.user)?.name : undefined,
        channel: {
          id: channel.id,
          name: channel.is_im ? (channel.members.find((u) => u !== ctx.token.userId) ?? '') : channel.name,
          is_private: channel.is_private,
          is_im: Boolean(channel.is_im),
          is_mpim: Boolean(channel.is_mpim),
        },
        ...(m.files && { files: m.files }),
        permalink: permalink(ws, channel.id, m.ts),
      });
    }
  }
  matches.sort((a, b) => compareTs(String(b.ts), String(a.ts)));
  const count = Math.min(Math.max(Number(params.count) || 20, 1), 100);
  const pageNo = Math.max(Number(params.page) || 1, 1);
  const pages = Math.max(Math.ceil(matches.length / count), 1);
  return {
    query,
    messages: {
      matches: matches.slice((pageNo - 1) * count, pageNo * count),
      total: matches.length,
      paging: { count, total: matches.length, page: pageNo, pages },
    },
  };
}
