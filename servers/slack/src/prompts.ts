import { completable, type McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { SlackDeps } from './deps.js';
import { completeChannel } from './resources.js';

const DURATIONS = ['12h', '1d', '3d', '7d', '14d'];

/** A catch-up prompt whose channel argument completes from the directory. */
export function registerPrompts(server: McpServer, deps: SlackDeps): void {
  server.registerPrompt(
    'channel-digest',
    {
      title: 'Channel digest',
      description: 'Catch up on a channel: decisions, open questions and who owns what.',
      argsSchema: z.object({
        channel: completable(z.string().describe('Channel name or ID'), (value) =>
          completeChannel(deps, value),
        ),
        duration: completable(z.string().describe('How far back, e.g. 1d or 7d'), (value) =>
          DURATIONS.filter((d) => d.startsWith(value)),
        ),
      }),
    },
    ({ channel, duration }) => {
      const ref = /^[CG][A-Z0-9]+$/.test(channel) ? channel : `#${channel.replace(/^#/, '')}`;
      const text = [
        `Catch me up on ${ref} over the last ${duration}.`,
        `Read it with slack_get_channel_history (channel_id "${ref}", duration "${duration}"), following nextCursor until done,`,
        'and open threads with several replies using slack_get_thread_replies.',
        'Then write a short digest: decisions made, open questions, action items with their owners, and links',
        '(slack_get_permalink) to the three messages I should read myself. Do not post anything.',
      ].join('\n');
      return {
        description: `Digest of ${ref} over ${duration}`,
        messages: [{ role: 'user', content: { type: 'text', text } }],
      };
    },
  );
}
