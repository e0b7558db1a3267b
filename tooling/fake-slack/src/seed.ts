import { METHOD_SCOPES } from './methods.js';
import { FakeWorkspace } from './state.js';

/** Tokens of the seeded workspace. Long and distinctive, so a test can prove they never leak. */
export const BOT_TOKEN = 'xoxb-7000000001-bot-fake-secret-9f3c2a';
export const USER_TOKEN = 'xoxp-7000000002-user-fake-secret-4d8e1b';

export const ALL_SCOPES = [...new Set(Object.values(METHOD_SCOPES).filter((s): s is string => Boolean(s)))];

export interface SeedOptions {
  /** Top-level messages in #big, one a minute going back from now (for pagination and benches). */
  bigChannelMessages?: number;
  /** Scopes both tokens get (default: every scope the fake knows). */
  scopes?: string[];
}

const HOUR = 3600;
/** A 1×1 transparent PNG. */
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const DAY = 24 * HOUR;

/**
 * A small workspace with something for every tool: a thread with reactions, a private channel the
 * bot is not in, a public channel it has not joined, an archived one, a usergroup, and messages
 * spread over two weeks so durations (1d, 7d) select different sets.
 */
export function seedWorkspace(options: SeedOptions = {}): FakeWorkspace {
  const ws = new FakeWorkspace();
  const now = Math.floor(Date.now() / 1000);
  const scopes = options.scopes ?? ALL_SCOPES;
  const alice = ws.addUser({
    id: 'U0ALICE',
    name: 'alice',
    real_name: 'Alice Archer',
    profile: {
      display_name: 'alice',
      real_name: 'Alice Archer',
      title: 'Staff Engineer',
      email: 'alice@example.com',
      status_text: 'Shipping',
      status_emoji: ':rocket:',
    },
  });
  const bob = ws.addUser({
    id: 'U0BOB',
    name: 'bob',
    real_name: 'Bob Baker',
    profile: { display_name: 'bob', real_name: 'Bob Baker', email: 'bob@example.com' },
  });
  const carol = ws.addUser({
    id: 'U0CAROL',
    name: 'carol',
    real_name: 'Carol Chen',
    tz: 'America/New_York',
    profile: { display_name: 'cchen', real_name: 'Carol Chen', email: 'carol.chen@example.org' },
  });
  ws.addUser({ id: 'U0GONE', name: 'gone', real_name: 'Former Member', deleted: true });
  const bot = ws.addUser({ id: 'U0BOT', name: 'refbot', real_name: 'Ref Bot', is_bot: true });

  ws.addToken(BOT_TOKEN, { kind: 'bot', userId: bot.id, scopes });
  ws.addToken(USER_TOKEN, { kind: 'user', userId: alice.id, scopes });

  const team = [alice.id, bob.id, bot.id];
  ws.addChannel({
    id: 'C0GENERAL',
    name: 'general',
    topic: 'Company-wide',
    purpose: 'Everyone',
    members: team,
  });
  ws.addChannel({ id: 'C0RANDOM', name: 'random', purpose: 'Off topic', members: team });
  ws.addChannel({ id: 'C0SECRET', name: 'secret', is_private: true, members: [alice.id] });
  ws.addChannel({ id: 'C0NOBOT', name: 'no-bot', members: [alice.id, bob.id] });
  ws.addChannel({ id: 'C0OLD', name: 'old-project', is_archived: true, members: team });
  ws.addChannel({ id: 'C0BIG', name: 'big', members: [alice.id, bot.id] });

  ws.addMessage('C0GENERAL', { user: alice.id, text: 'Kickoff notes are in the doc' }, now - 10 * DAY);
  const question = ws.addMessage(
    'C0GENERAL',
    { user: bob.id, text: 'Who reviews the release for <@U0ALICE>?' },
    now - 3 * DAY,
  );
  ws.addMessage('C0GENERAL', { user: alice.id, text: 'I can', thread_ts: question.ts }, now - 3 * DAY + 60);
  ws.addMessage(
    'C0GENERAL',
    { user: bot.id, text: 'Reminder noted', thread_ts: question.ts },
    now - 3 * DAY + 120,
  );
  question.reactions = [{ name: 'eyes', users: [alice.id, bot.id], count: 2 }];
  ws.addMessage('C0GENERAL', { user: alice.id, text: 'Deploy finished :tada:' }, now - 2 * HOUR);

  ws.addMessage('C0RANDOM', { user: bob.id, text: 'Lunch at noon?' }, now - HOUR);
  ws.addMessage('C0SECRET', { user: alice.id, text: 'The launch date is a secret' }, now - DAY);
  ws.addMessage('C0NOBOT', { user: bob.id, text: 'Bots cannot see this channel' }, now - DAY);

  // Direct messages: Alice and Bob, the bot and Alice, and a group DM of Alice, Bob and Carol.
  ws.addChannel({ id: 'D0ALICEBOB', name: '', is_private: true, is_im: true, members: [alice.id, bob.id] });
  ws.addChannel({ id: 'D0BOTALICE', name: '', is_private: true, is_im: true, members: [bot.id, alice.id] });
  ws.addChannel({
    id: 'G0TRIO',
    name: 'mpdm-alice--bob--carol-1',
    is_private: true,
    is_mpim: true,
    members: [alice.id, bob.id, carol.id],
  });
  ws.addMessage('D0ALICEBOB', { user: bob.id, text: 'Can you look at my PR?' }, now - 5 * HOUR);
  ws.addMessage('D0ALICEBOB', { user: alice.id, text: 'On it' }, now - 4 * HOUR);
  ws.addMessage('D0BOTALICE', { user: alice.id, text: 'Remind me about the release' }, now - 6 * HOUR);
  ws.addMessage('D0BOTALICE', { user: bot.id, text: 'Noted' }, now - 6 * HOUR + 30);
  ws.addMessage('G0TRIO', { user: carol.id, text: 'Offsite dates?' }, now - 3 * HOUR);

  // Files: a text file and a PNG shared in #files, one in #secret the bot cannot see.
  ws.addChannel({ id: 'C0FILES', name: 'files', purpose: 'Shared files', members: team });
  const notes = ws.addFile({
    id: 'F0NOTES',
    name: 'notes.txt',
    title: 'Release notes',
    mimetype: 'text/plain',
    user: alice.id,
    content: Buffer.from('Release 1.2\n- faster search\n- fewer bugs\n'),
    channels: ['C0FILES'],
  });
  const chart = ws.addFile({
    id: 'F0CHART',
    name: 'chart.png',
    mimetype: 'image/png',
    user: bob.id,
    content: Buffer.from(PNG_1X1, 'base64'),
    channels: ['C0FILES'],
  });
  ws.addFile({
    id: 'F0PLAN',
    name: 'plan.txt',
    mimetype: 'text/plain',
    user: alice.id,
    content: Buffer.from('Launch on the 5th'),
    channels: ['C0SECRET'],
  });
  const fileRef = (f: typeof notes) => ({ id: f.id, name: f.name, title: f.title, mimetype: f.mimetype });
  ws.addMessage(
    'C0FILES',
    {
      user: alice.id,
      text: 'Notes and a chart: https://example.com/release',
      files: [fileRef(notes), fileRef(chart)],
    },
    now - 90 * 60,
  );

  const big = options.bigChannelMessages ?? 0;
  for (let i = big; i >= 1; i--) {
    ws.addMessage('C0BIG', { user: i % 2 ? alice.id : bot.id, text: `Message number ${i}` }, now - i * 60);
  }

  // Alice has read everything except the newest message in #general.
  for (const channel of ws.channels) {
    const last = channel.messages.at(-1);
    if (last && channel.members.includes(alice.id)) channel.lastRead[alice.id] = last.ts;
  }
  ws.channel('C0GENERAL')!.lastRead[alice.id] = question.ts;

  ws.usergroups.push({
    id: 'S0ENG',
    name: 'Engineering',
    handle: 'eng',
    description: 'All engineers',
    users: [alice.id, bob.id],
    date_create: now - 30 * DAY,
  });
  return ws;
}
