// The directory's entries: Slack's channel and user objects as the tools read them.

/** What kind of conversation, in conversations.list's `types` words. */
export type ConversationKind = 'public_channel' | 'private_channel' | 'mpim' | 'im';

export interface ChannelEntry {
  id: string;
  /** A DM's is the other person's user ID (Slack gives DMs no name). */
  name: string;
  kind: ConversationKind;
  /** For a DM: the other person. */
  user?: string;
  isPrivate: boolean;
  isArchived: boolean;
  isMember: boolean;
  topic: string;
  purpose: string;
  memberCount: number;
}

export interface UserEntry {
  id: string;
  name: string;
  realName: string;
  displayName: string;
  title: string;
  /** Only with the users:read.email scope. */
  email: string;
  isBot: boolean;
  deleted: boolean;
  tz: string | undefined;
}

export interface RawChannel {
  id: string;
  name?: string;
  user?: string;
  is_im?: boolean;
  is_mpim?: boolean;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  num_members?: number;
  topic?: { value?: string };
  purpose?: { value?: string };
}

export interface RawUser {
  id: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  tz?: string;
  profile?: { display_name?: string; real_name?: string; title?: string; email?: string };
}

export function toChannelEntry(c: RawChannel): ChannelEntry {
  const kind: ConversationKind = c.is_im
    ? 'im'
    : c.is_mpim
      ? 'mpim'
      : c.is_private
        ? 'private_channel'
        : 'public_channel';
  return {
    id: c.id,
    name: kind === 'im' ? (c.user ?? c.id) : (c.name ?? c.id),
    kind,
    ...(kind === 'im' && c.user && { user: c.user }),
    isPrivate: kind !== 'public_channel',
    isArchived: Boolean(c.is_archived),
    // A DM's members are its two people; the token's user is always one of them.
    isMember: kind === 'im' || Boolean(c.is_member),
    topic: c.topic?.value ?? '',
    purpose: c.purpose?.value ?? '',
    memberCount: kind === 'im' ? 2 : (c.num_members ?? 0),
  };
}

export function toUserEntry(u: RawUser): UserEntry {
  return {
    id: u.id,
    name: u.name ?? u.id,
    realName: u.real_name ?? u.profile?.real_name ?? '',
    displayName: u.profile?.display_name ?? '',
    title: u.profile?.title ?? '',
    email: u.profile?.email ?? '',
    isBot: Boolean(u.is_bot),
    deleted: Boolean(u.deleted),
    tz: u.tz,
  };
}
