import { InvalidInputError, type Logger, NotFoundError, ToolError } from '@refmcp/core';
import { CachedList } from './cached-list.js';
import {
  type ChannelEntry,
  type ConversationKind,
  type RawChannel,
  type RawUser,
  toChannelEntry,
  toUserEntry,
  type UserEntry,
} from './directory-entries.js';
import type { DirectoryFile } from './directory-file.js';
import type { SlackApi } from './slack/api.js';

export type { ChannelEntry, ConversationKind, UserEntry } from './directory-entries.js';
export { toUserEntry } from './directory-entries.js';

interface Paged {
  response_metadata?: { next_cursor?: string };
}

/** Slack IDs of conversations: channels (C), private groups and group DMs (G), direct messages (D). */
export const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
/** Slack IDs of users: U, or W for Enterprise Grid. */
export const USER_ID = /^[UW][A-Z0-9]{2,}$/;

async function allPages<R extends Paged, T>(
  api: SlackApi,
  method: string,
  params: Record<string, string | number | boolean>,
  items: (page: R) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.call<R>(method, { ...params, limit: 1000, cursor });
    out.push(...(items(page) ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return out;
}

export interface DirectoryOptions {
  ttlSeconds: number;
  logger: Logger;
  now?: () => number;
  /** Longest a call waits for a first load; the load itself goes on in the background. */
  waitMs?: number;
  /** The directory file (--directory-cache), and the workspace the token belongs to (auth.test). */
  file?: { store: DirectoryFile; teamId: () => Promise<string> };
}

/**
 * The workspace's users and channels, cached with a TTL: names for IDs and IDs for #names. DMs
 * and group DMs are a third list, loaded only when a call needs them (they need im:read and
 * mpim:read, which many tokens lack).
 */
export class Directory {
  readonly channelList: CachedList<ChannelEntry>;
  readonly userList: CachedList<UserEntry>;
  readonly dmList: CachedList<ChannelEntry>;
  private readonly logger: Logger;
  private readonly waitMs: number;
  private fromFile: Promise<void> | undefined;

  constructor(
    private readonly api: SlackApi,
    private readonly options: DirectoryOptions,
  ) {
    const ttl = options.ttlSeconds * 1000;
    const now = options.now ?? Date.now;
    this.logger = options.logger;
    this.waitMs = options.waitMs ?? 10_000;
    this.channelList = new CachedList(
      () => this.loadChannels(),
      ttl,
      now,
      () => this.save(),
    );
    this.userList = new CachedList(
      () => this.loadUsers(),
      ttl,
      now,
      () => this.save(),
    );
    this.dmList = new CachedList(() => this.loadDms(), ttl, now);
  }

  /** Once: the lists from the directory file, if it is there and for this workspace. */
  private seedFromFile(): Promise<void> {
    const file = this.options.file;
    if (!file) return Promise.resolve();
    this.fromFile ??= (async () => {
      const snapshot = await file.store.read(await file.teamId());
      if (snapshot?.channels) this.channelList.seed(snapshot.channels, snapshot.savedAt);
      if (snapshot?.users) this.userList.seed(snapshot.users, snapshot.savedAt);
      if (snapshot) this.logger.info('directory loaded from the cache file');
    })().catch((error: unknown) => {
      this.logger.warn('directory cache file not used', { error: (error as Error).message });
    });
    return this.fromFile;
  }

  /** Writes to the directory file, one at a time (see `save`). */
  private writes: Promise<void> = Promise.resolve();

  /** After a list is loaded from Slack: the lists known now, written to the directory file. */
  private save(): void {
    const file = this.options.file;
    if (!file) return;
    // One write at a time, each taking the lists as they are when it starts: two overlapping
    // writes could otherwise land in either order and leave the file without the later list.
    this.writes = this.writes
      .then(() => file.teamId())
      .then((teamId) =>
        file.store.write(teamId, {
          ...(this.channelList.known() && { channels: this.channelList.known() }),
          ...(this.userList.known() && { users: this.userList.known() }),
        }),
      )
      .catch(() => {});
  }

  /** Starts loading both lists without waiting; failures are logged, never thrown. */
  warm(): void {
    for (const [what, list] of [
      ['channels', () => this.channels()],
      ['users', () => this.users()],
    ] as const) {
      list().catch((error: unknown) => {
        const message = error instanceof ToolError ? error.message : String(error);
        this.logger.warn('directory warm-up failed; the next call will retry', { what, error: message });
      });
    }
  }

  async channels(): Promise<ChannelEntry[]> {
    await this.seedFromFile();
    return this.channelList.within(this.waitMs, 'channel');
  }

  async users(): Promise<UserEntry[]> {
    await this.seedFromFile();
    return this.userList.within(this.waitMs, 'user');
  }

  /** Direct messages and group DMs the token is in. */
  dms(): Promise<ChannelEntry[]> {
    return this.dmList.within(this.waitMs, 'direct message');
  }

  /** User display names by ID, if the directory answers within `waitMs`. */
  async userNames(waitMs = 1500): Promise<Map<string, string>> {
    await this.seedFromFile();
    const users = await this.userList.peek(waitMs);
    return new Map((users ?? []).map((u) => [u.id, u.displayName || u.realName || u.name]));
  }

  channelName(id: string): string | undefined {
    return (this.channelList.known() ?? []).concat(this.dmList.known() ?? []).find((c) => c.id === id)?.name;
  }

  /**
   * What kind of conversation an ID is, and with whom for DMs. Known channels answer from the
   * cache; anything else asks Slack (conversations.info, and conversations.members for a group DM).
   */
  async conversation(id: string): Promise<{ kind: ConversationKind; users: string[] }> {
    const known = (this.channelList.known() ?? []).find((c) => c.id === id);
    if (known && (known.kind === 'public_channel' || known.kind === 'private_channel')) {
      return { kind: known.kind, users: [] };
    }
    // A conversation's kind and a DM's people never change: asked once per process.
    let pending = this.kinds.get(id);
    if (!pending) {
      pending = this.askConversation(id);
      this.kinds.set(id, pending);
      pending.catch(() => this.kinds.delete(id));
    }
    return pending;
  }

  private readonly kinds = new Map<string, Promise<{ kind: ConversationKind; users: string[] }>>();

  private async askConversation(id: string): Promise<{ kind: ConversationKind; users: string[] }> {
    const info = await this.api.call<{ channel: RawChannel }>('conversations.info', { channel: id });
    const entry = toChannelEntry(info.channel);
    if (entry.kind === 'im') return { kind: 'im', users: entry.user ? [entry.user] : [] };
    if (entry.kind !== 'mpim') return { kind: entry.kind, users: [] };
    const members = await allPages<Paged & { members?: string[] }, string>(
      this.api,
      'conversations.members',
      { channel: id },
      (p) => p.members,
    );
    return { kind: 'mpim', users: members };
  }

  /** A channel reference (ID, #name, name or <#C…|name>) as a channel ID. */
  async resolveChannel(ref: string): Promise<string> {
    const trimmed = ref.trim();
    const mention = /^<#([A-Z0-9]+)(?:\|[^>]*)?>$/.exec(trimmed);
    if (mention) return mention[1]!;
    if (CHANNEL_ID.test(trimmed)) return trimmed;
    const name = trimmed.replace(/^#/, '').toLowerCase();
    if (!name) throw new InvalidInputError('Empty channel name.', { hint: 'Pass a channel ID or #name.' });
    const found = (await this.channels()).find((c) => c.name.toLowerCase() === name);
    if (!found) {
      throw new NotFoundError(`No channel named #${name} is visible to this token.`, {
        hint: 'Call slack_list_channels for names and IDs (DMs: types ["im"], or slack_open_conversation).',
      });
    }
    return found.id;
  }

  /** A user reference (U…, @name, display name or <@U…>) as a user ID. */
  async resolveUser(ref: string): Promise<string> {
    const trimmed = ref.trim();
    const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(trimmed)?.[1];
    if (mention) return mention;
    if (USER_ID.test(trimmed)) return trimmed;
    const name = trimmed.replace(/^@/, '').toLowerCase();
    const found = (await this.users()).find(
      (u) => !u.deleted && (u.name.toLowerCase() === name || u.displayName.toLowerCase() === name),
    );
    if (!found) {
      throw new NotFoundError(`No user named @${name} in this workspace.`, {
        hint: 'Call slack_search_users for names and IDs.',
      });
    }
    return found.id;
  }

  private async loadChannels(): Promise<ChannelEntry[]> {
    const fetch = (types: string) =>
      allPages<Paged & { channels?: RawChannel[] }, RawChannel>(
        this.api,
        'conversations.list',
        { types, exclude_archived: false },
        (p) => p.channels,
      );
    let raw: RawChannel[];
    try {
      raw = await fetch('public_channel,private_channel');
    } catch (error) {
      // Private channels need groups:read; without it the public ones are still worth having.
      if (!(error instanceof ToolError && /scope/.test(error.message))) throw error;
      raw = await fetch('public_channel');
    }
    this.logger.debug('channels loaded', { count: raw.length });
    return raw.map(toChannelEntry);
  }

  private async loadDms(): Promise<ChannelEntry[]> {
    const raw = await allPages<Paged & { channels?: RawChannel[] }, RawChannel>(
      this.api,
      'conversations.list',
      { types: 'im,mpim', exclude_archived: true },
      (p) => p.channels,
    );
    this.logger.debug('direct messages loaded', { count: raw.length });
    return raw.map(toChannelEntry);
  }

  private async loadUsers(): Promise<UserEntry[]> {
    const raw = await allPages<Paged & { members?: RawUser[] }, RawUser>(
      this.api,
      'users.list',
      {},
      (p) => p.members,
    );
    this.logger.debug('users loaded', { count: raw.length });
    return raw.map(toUserEntry);
  }
}
