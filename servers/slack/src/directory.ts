import { InvalidInputError, type Logger, NotFoundError, ToolError, UpstreamError } from '@refmcp/core';
import type { SlackApi } from './slack/api.js';

export interface ChannelEntry {
  id: string;
  name: string;
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
  isBot: boolean;
  deleted: boolean;
  tz: string | undefined;
}

interface RawChannel {
  id: string;
  name?: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_member?: boolean;
  num_members?: number;
  topic?: { value?: string };
  purpose?: { value?: string };
}

interface RawUser {
  id: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  tz?: string;
  profile?: { display_name?: string; real_name?: string; title?: string };
}

interface Paged {
  response_metadata?: { next_cursor?: string };
}

/** Slack IDs of conversations: channels (C), private groups (G), direct messages (D). */
export const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/**
 * One cached list (users or channels): fresh for `ttlMs`, loaded once at a time, a stale copy
 * served while a refresh runs. A failed load is remembered only until the next call retries it.
 */
class CachedList<T> {
  private value: T[] | undefined;
  private loadedAt = 0;
  private pending: Promise<T[]> | undefined;

  constructor(
    private readonly load: () => Promise<T[]>,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  private refresh(): Promise<T[]> {
    this.pending ??= this.load()
      .then((value) => {
        this.value = value;
        this.loadedAt = this.now();
        return value;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private fresh(): boolean {
    return this.value !== undefined && this.now() - this.loadedAt < this.ttlMs;
  }

  /** The list, loading it when missing; a stale list is returned at once and refreshed behind. */
  async get(): Promise<T[]> {
    if (this.fresh()) return this.value!;
    if (this.value) {
      this.refresh().catch(() => {});
      return this.value;
    }
    return this.refresh();
  }

  /** Like get(), but gives up after `waitMs` so a slow first load cannot hold a call for long. */
  async within(waitMs: number, what: string): Promise<T[]> {
    const list = await this.peekOrThrow(waitMs);
    if (list) return list;
    throw new UpstreamError(`The ${what} directory is still loading.`, {
      hint: `Try again in a few seconds${what === 'channel' ? ', or pass a channel ID (C…) instead of a #name' : ''}.`,
    });
  }

  private async peekOrThrow(waitMs: number): Promise<T[] | undefined> {
    if (this.value) return this.get();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      return await Promise.race([this.refresh(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whatever is known within `waitMs`, or undefined: for output that can fall back to IDs. */
  peek(waitMs: number): Promise<T[] | undefined> {
    return this.peekOrThrow(waitMs).catch(() => undefined);
  }

  known(): T[] | undefined {
    return this.value;
  }
}

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

/** The workspace's users and channels, cached with a TTL: names for IDs and IDs for #names. */
export class Directory {
  readonly channelList: CachedList<ChannelEntry>;
  readonly userList: CachedList<UserEntry>;

  constructor(
    private readonly api: SlackApi,
    ttlSeconds: number,
    private readonly logger: Logger,
    now: () => number = Date.now,
    /** Longest a call waits for a first load; the load itself goes on in the background. */
    private readonly waitMs = 10_000,
  ) {
    const ttl = ttlSeconds * 1000;
    this.channelList = new CachedList(() => this.loadChannels(), ttl, now);
    this.userList = new CachedList(() => this.loadUsers(), ttl, now);
  }

  /** Starts loading both lists without waiting; failures are logged, never thrown. */
  warm(): void {
    for (const [what, list] of [
      ['channels', this.channelList],
      ['users', this.userList],
    ] as const) {
      list.get().catch((error: unknown) => {
        const message = error instanceof ToolError ? error.message : String(error);
        this.logger.warn('directory warm-up failed; the next call will retry', { what, error: message });
      });
    }
  }

  channels(): Promise<ChannelEntry[]> {
    return this.channelList.within(this.waitMs, 'channel');
  }

  users(): Promise<UserEntry[]> {
    return this.userList.within(this.waitMs, 'user');
  }

  /** User display names by ID, if the directory answers within `waitMs`. */
  async userNames(waitMs = 1500): Promise<Map<string, string>> {
    const users = await this.userList.peek(waitMs);
    return new Map((users ?? []).map((u) => [u.id, u.displayName || u.realName || u.name]));
  }

  channelName(id: string): string | undefined {
    return this.channelList.known()?.find((c) => c.id === id)?.name;
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
        hint: 'Call slack_list_channels for names and IDs.',
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
    return raw.map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      isPrivate: Boolean(c.is_private),
      isArchived: Boolean(c.is_archived),
      isMember: Boolean(c.is_member),
      topic: c.topic?.value ?? '',
      purpose: c.purpose?.value ?? '',
      memberCount: c.num_members ?? 0,
    }));
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

export function toUserEntry(u: RawUser): UserEntry {
  return {
    id: u.id,
    name: u.name ?? u.id,
    realName: u.real_name ?? u.profile?.real_name ?? '',
    displayName: u.profile?.display_name ?? '',
    title: u.profile?.title ?? '',
    isBot: Boolean(u.is_bot),
    deleted: Boolean(u.deleted),
    tz: u.tz,
  };
}
