/**
 * The workspace a fake Slack serves: users, conversations with their messages, usergroups and
 * tokens. Plain data that tests seed and inspect directly; `methods.ts` reads and changes it the
 * way the Web API does.
 */

export type TokenKind = 'bot' | 'user';

export interface FakeToken {
  kind: TokenKind;
  /** The user the token acts as (a bot user for bot tokens). */
  userId: string;
  /** Granted scopes; a method whose scope is missing answers `missing_scope`. */
  scopes: string[];
}

export interface FakeUser {
  id: string;
  name: string;
  real_name: string;
  is_bot?: boolean;
  deleted?: boolean;
  tz?: string;
  profile: {
    display_name: string;
    real_name: string;
    title?: string;
    email?: string;
    status_text?: string;
    status_emoji?: string;
  };
}

export interface FakeReaction {
  name: string;
  users: string[];
  count: number;
}

export interface FakeMessage {
  type: 'message';
  ts: string;
  user?: string;
  text: string;
  thread_ts?: string;
  reply_count?: number;
  latest_reply?: string;
  reactions?: FakeReaction[];
  subtype?: string;
  bot_id?: string;
  /** Files shared with the message, as file objects (files.completeUploadExternal adds them). */
  files?: Array<Record<string, unknown>>;
  edited?: { user: string; ts: string };
}

/** A file as Slack stores it: bytes plus the metadata files.info shows. */
export interface FakeFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  user: string;
  created: number;
  content: Buffer;
  /** Conversations it is shared in; a file in none is visible to its uploader only. */
  channels: string[];
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_im?: boolean;
  /** A group DM: private, named like mpdm-alice--bob-1 by Slack. */
  is_mpim?: boolean;
  /** For a DM (is_im): the other person. */
  user?: string;
  is_archived?: boolean;
  created: number;
  topic: string;
  purpose: string;
  members: string[];
  /** Every message, top level and replies, oldest first. */
  messages: FakeMessage[];
  /** Read position per user id. */
  lastRead: Record<string, string>;
}

export interface FakeUsergroup {
  id: string;
  name: string;
  handle: string;
  description: string;
  users: string[];
  date_create: number;
}

export interface FakeCall {
  method: string;
  params: Record<string, string>;
  tokenKind?: TokenKind;
  /** Who the call's token acts as, and the token itself, so tests prove whose token made it. */
  userId?: string;
  token?: string;
}

export class FakeWorkspace {
  teamId = 'T0FAKE01';
  teamName = 'Fake Workspace';
  domain = 'fake-workspace';
  users: FakeUser[] = [];
  channels: FakeChannel[] = [];
  usergroups: FakeUsergroup[] = [];
  files: FakeFile[] = [];
  /** Upload URLs handed out by files.getUploadURLExternal, by the id in their path. */
  uploads = new Map<string, { fileId: string; filename: string; length: number; userId: string }>();
  tokens = new Map<string, FakeToken>();
  /** Every request received, in order (the token in `token`, never in `params`). */
  calls: FakeCall[] = [];
  private tsCounter = 0;

  addUser(user: Partial<FakeUser> & { id: string; name: string }): FakeUser {
    const realName = user.real_name ?? user.name;
    const full: FakeUser = {
      real_name: realName,
      tz: 'Europe/Berlin',
      ...user,
      profile: { display_name: user.name, real_name: realName, ...user.profile },
    };
    this.users.push(full);
    return full;
  }

  addChannel(
    channel: Partial<Omit<FakeChannel, 'messages' | 'lastRead'>> & { id: string; name: string },
  ): FakeChannel {
    const full: FakeChannel = {
      is_private: false,
      created: 1_600_000_000,
      topic: '',
      purpose: '',
      members: [],
      ...channel,
      messages: [],
      lastRead: {},
    };
    this.channels.push(full);
    return full;
  }

  addToken(token: string, spec: FakeToken): void {
    this.tokens.set(token, spec);
  }

  /** A ts for a message at `seconds` (Unix time); unique even for messages in the same second. */
  makeTs(seconds: number = Date.now() / 1000): string {
    this.tsCounter = (this.tsCounter + 1) % 1_000_000;
    return `${Math.floor(seconds)}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** Adds a message; a reply (`thread_ts`) updates its parent's reply count. */
  addMessage(
    channelId: string,
    message: Partial<FakeMessage> & { text: string },
    seconds?: number,
  ): FakeMessage {
    const channel = this.channel(channelId);
    if (!channel) throw new Error(`no channel ${channelId}`);
    const full: FakeMessage = { type: 'message', ts: message.ts ?? this.makeTs(seconds), ...message };
    channel.messages.push(full);
    // Sort only when a message arrives out of order: seeding thousands stays linear.
    const before = channel.messages.at(-2);
    if (before && compareTs(before.ts, full.ts) > 0) channel.messages.sort((a, b) => compareTs(a.ts, b.ts));
    if (full.thread_ts && full.thread_ts !== full.ts) {
      const parent = channel.messages.find((m) => m.ts === full.thread_ts);
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        parent.latest_reply = full.ts;
      }
    }
    return full;
  }

  channel(id: string): FakeChannel | undefined {
    return this.channels.find((c) => c.id === id);
  }

  user(id: string): FakeUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** Adds a file shared in `channels`, as if uploaded by `user`. */
  addFile(file: Omit<FakeFile, 'created' | 'title' | 'filetype'> & Partial<FakeFile>): FakeFile {
    const full: FakeFile = {
      created: Math.floor(Date.now() / 1000),
      title: file.name,
      filetype: file.name.split('.').pop() ?? 'binary',
      ...file,
    };
    this.files.push(full);
    return full;
  }

  file(id: string): FakeFile | undefined {
    return this.files.find((f) => f.id === id);
  }

  /** Calls to one method, for assertions. */
  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }
}

export function compareTs(a: string, b: string): number {
  const [as = '0', af = '0'] = a.split('.');
  const [bs = '0', bf = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(af) - Number(bf);
}

/** A channel as conversations.list / conversations.info show it. */
export function channelView(channel: FakeChannel, asUser?: string): Record<string, unknown> {
  // A DM has no name, topic or member count in Slack's answers: its other person is `user`.
  if (channel.is_im) {
    return {
      id: channel.id,
      created: channel.created,
      is_im: true,
      is_org_shared: false,
      user: channel.members.find((m) => m !== asUser) ?? channel.user,
      is_user_deleted: false,
      priority: 0,
    };
  }
  const view: Record<string, unknown> = {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.is_private && !channel.is_im,
    is_group: channel.is_private && !channel.is_mpim,
    is_im: Boolean(channel.is_im),
    is_mpim: Boolean(channel.is_mpim),
    is_private: channel.is_private,
    is_archived: Boolean(channel.is_archived),
    is_member: asUser ? channel.members.includes(asUser) : false,
    created: channel.created,
    num_members: channel.members.length,
    topic: { value: channel.topic, creator: '', last_set: 0 },
    purpose: { value: channel.purpose, creator: '', last_set: 0 },
  };
  return view;
}

export function usergroupView(group: FakeUsergroup, teamId: string, withUsers: boolean) {
  return {
    id: group.id,
    team_id: teamId,
    name: group.name,
    handle: group.handle,
    description: group.description,
    date_create: group.date_create,
    date_delete: 0,
    is_usergroup: true,
    user_count: group.users.length,
    ...(withUsers && { users: group.users }),
  };
}
