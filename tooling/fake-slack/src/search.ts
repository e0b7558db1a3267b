import { type MethodContext, type Params, permalink, SlackFailure } from './context.js';
import { compareTs } from './state.js';

/** Words must all appear; `in:#name`/`in:<#C…>` and `from:@name`/`from:<@U…>` filter. */
export function searchMessages(params: Params, ctx: MethodContext): Record<string, unknown> {
  const { ws } = ctx;
  const query = params.query ?? '';
  if (!query.trim()) throw new SlackFailure('no_query');
  let inChannel: string | undefined;
  let fromUser: string | undefined;
  const words: string[] = [];
  for (const term of query.split(/\s+/).filter(Boolean)) {
    const inMatch = /^in:(?:#(.+)|<#(\w+)(?:\|[^>]*)?>)$/.exec(term);
    const fromMatch = /^from:(?:@(.+)|<@(\w+)>)$/.exec(term);
    if (inMatch) inChannel = inMatch[2] ?? ws.channels.find((c) => c.name === inMatch[1])?.id ?? '-';
    else if (fromMatch) fromUser = fromMatch[2] ?? ws.users.find((u) => u.name === fromMatch[1])?.id ?? '-';
    else words.push(term.toLowerCase());
  }
  const matches: Array<Record<string, unknown>> = [];
  for (const channel of ws.channels) {
    if (inChannel && channel.id !== inChannel) continue;
    if (channel.is_private && !channel.members.includes(ctx.token.userId)) continue;
    for (const m of channel.messages) {
      if (fromUser && m.user !== fromUser) continue;
      const text = m.text.toLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
      matches.push({
        iid: `${channel.id}-${m.ts}`,
        type: 'message',
        ts: m.ts,
        text: m.text,
        user: m.user,
        username: m.user ? ws.user(m.user)?.name : undefined,
        channel: { id: channel.id, name: channel.name, is_private: channel.is_private },
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
