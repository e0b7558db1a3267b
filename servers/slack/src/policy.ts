import { PermissionDeniedError } from '@refmcp/core';
import type { SlackConfig } from './config.js';
import { CHANNEL_ID, type Directory, USER_ID } from './directory.js';

/** A channel list's entries as conversation IDs and user IDs (users stand for their DMs). */
interface ListIds {
  conversations: Set<string>;
  users: Set<string>;
}

/** A conversation as the policy sees it: a channel, or a DM / group DM with these people. */
interface Target {
  id: string;
  dm: boolean;
  /** For a DM or group DM: everyone in it except the token's own user. */
  people: string[];
}

/**
 * Which conversations tools may read and write. Lists accept channel IDs and #names, and for
 * direct messages DM IDs and users (U… or @name); every check compares resolved IDs, so naming a
 * channel or person differently (ID vs #name vs <#C…>) cannot get around a list.
 */
export class ChannelPolicy {
  constructor(
    private readonly config: Pick<SlackConfig, 'writeChannels' | 'denyChannels' | 'readChannels' | 'allowDm'>,
    private readonly directory: Directory,
    private readonly self: () => Promise<string>,
  ) {}

  get limitsReads(): boolean {
    return this.config.readChannels.length > 0;
  }

  /**
   * A list's entries as IDs. Names need the directory; if it cannot load, the check fails closed.
   * With `barePeople`, a bare name (no # or @) also names the person so called: the deny list reads
   * `carol` both ways, so a doubt between a channel and a person ends in a refusal.
   */
  private async ids(entries: readonly string[], barePeople = false): Promise<ListIds> {
    const out: ListIds = { conversations: new Set(), users: new Set() };
    const channelNames: string[] = [];
    const userNames: string[] = [];
    for (const entry of entries) {
      const trimmed = entry.trim();
      const channelMention = /^<#([A-Z0-9]+)/.exec(trimmed)?.[1];
      const userMention = /^<@([A-Z0-9]+)/.exec(trimmed)?.[1];
      if (channelMention) out.conversations.add(channelMention);
      else if (userMention) out.users.add(userMention);
      else if (CHANNEL_ID.test(trimmed)) out.conversations.add(trimmed);
      else if (USER_ID.test(trimmed)) out.users.add(trimmed);
      else if (trimmed.startsWith('@')) userNames.push(trimmed.slice(1).toLowerCase());
      else {
        channelNames.push(trimmed.replace(/^#/, '').toLowerCase());
        if (barePeople && !trimmed.startsWith('#')) userNames.push(trimmed.toLowerCase());
      }
    }
    const failClosed = (error: unknown) => {
      // Security: a list we cannot resolve must not turn into "no restriction".
      throw new PermissionDeniedError(
        'The channel lists name channels or people, and the directory did not load.',
        {
          cause: error,
          hint: `Try again shortly; list channels and users by ID to avoid this. (${(error as Error).message})`,
        },
      );
    };
    if (channelNames.length > 0) {
      const channels = await this.directory.channels().catch(failClosed);
      for (const c of channels) if (channelNames.includes(c.name.toLowerCase())) out.conversations.add(c.id);
    }
    if (userNames.length > 0) {
      const users = await this.directory.users().catch(failClosed);
      for (const u of users) {
        if (userNames.includes(u.name.toLowerCase()) || userNames.includes(u.displayName.toLowerCase()))
          out.users.add(u.id);
      }
    }
    return out;
  }

  /** Whether a list holds the conversation: by ID, or for a DM when it holds every other person. */
  private static holds(list: ListIds, target: Target): boolean {
    if (list.conversations.has(target.id)) return true;
    return target.dm && target.people.length > 0 && target.people.every((u) => list.users.has(u));
  }

  private async target(id: string): Promise<Target> {
    const { kind, users } = await this.directory.conversation(id);
    if (kind !== 'im' && kind !== 'mpim') return { id, dm: false, people: [] };
    const self = await this.self();
    return { id, dm: true, people: users.filter((u) => u !== self) };
  }

  /** Security: every read tool that takes a channel calls this before asking Slack. */
  async checkRead(channelId: string): Promise<void> {
    if (!this.limitsReads) return;
    const list = await this.ids(this.config.readChannels);
    if (list.conversations.has(channelId)) return;
    if (!ChannelPolicy.holds(list, await this.target(channelId))) {
      throw new PermissionDeniedError(`Reading ${this.label(channelId)} is not allowed by this server.`, {
        hint: 'Only channels (and DMs with people) in SLACK_READ_CHANNELS can be read.',
      });
    }
  }

  /**
   * A predicate for filtering lists and search results by the read allow-list; `people` are a
   * DM's other members, where the caller knows them.
   */
  async readFilter(): Promise<(channelId: string, people?: string[]) => boolean> {
    if (!this.limitsReads) return () => true;
    const list = await this.ids(this.config.readChannels);
    return (id, people) => ChannelPolicy.holds(list, { id, dm: people !== undefined, people: people ?? [] });
  }

  /** Security: refuses a DM with anyone on the deny list (or not on a write allow-list) before anything is sent. */
  async checkPeople(people: string[]): Promise<void> {
    const { writeChannels, denyChannels } = this.config;
    if (!this.config.allowDm) throw dmOff();
    const denied = denyChannels.length > 0 ? (await this.ids(denyChannels, true)).users : new Set<string>();
    const barred = people.filter((u) => denied.has(u));
    if (barred.length > 0) {
      throw new PermissionDeniedError(`Messaging ${barred.join(', ')} is barred by this server.`, {
        hint: 'The user is in SLACK_DENY_CHANNELS; do not retry, ask the user.',
      });
    }
    if (writeChannels.length > 0) {
      const allowed = (await this.ids(writeChannels)).users;
      const missing = people.filter((u) => !allowed.has(u));
      if (missing.length > 0) {
        throw new PermissionDeniedError(`Messaging ${missing.join(', ')} is not allowed by this server.`, {
          hint: 'Only people in SLACK_WRITE_CHANNELS can be messaged directly.',
        });
      }
    }
  }

  /** Security: every write tool that touches a conversation calls this before asking Slack to change it. */
  async checkWrite(channelId: string): Promise<void> {
    const { writeChannels, denyChannels } = this.config;
    const target = await this.target(channelId);
    if (target.dm && !this.config.allowDm) throw dmOff();
    if (denyChannels.length > 0) {
      const denied = await this.ids(denyChannels, true);
      if (denied.conversations.has(channelId) || target.people.some((u) => denied.users.has(u))) {
        throw new PermissionDeniedError(`Writing to ${this.label(channelId)} is barred by this server.`, {
          hint: 'The channel (or a person in the DM) is in SLACK_DENY_CHANNELS; do not retry, pick another channel or ask the user.',
        });
      }
    }
    if (writeChannels.length > 0 && !ChannelPolicy.holds(await this.ids(writeChannels), target)) {
      throw new PermissionDeniedError(`Writing to ${this.label(channelId)} is not allowed by this server.`, {
        hint: 'Only channels (and DMs with people) in SLACK_WRITE_CHANNELS can be written to.',
      });
    }
  }

  private label(channelId: string): string {
    const name = this.directory.channelName(channelId);
    return name && !/^[UW]/.test(name) ? `#${name} (${channelId})` : channelId;
  }
}

function dmOff(): PermissionDeniedError {
  return new PermissionDeniedError('Writing in direct messages is off on this server.', {
    hint: 'Tell the user; the operator can allow it with --allow-dm (SLACK_ALLOW_DM=true).',
  });
}
