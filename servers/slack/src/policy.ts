import { PermissionDeniedError } from '@refmcp/core';
import type { SlackConfig } from './config.js';
import { CHANNEL_ID, type Directory } from './directory.js';

/**
 * Which channels tools may read and write. Lists accept IDs and #names; every check compares
 * resolved IDs, so naming a channel differently (ID vs #name vs <#C…>) cannot get around a list.
 */
export class ChannelPolicy {
  constructor(
    private readonly config: Pick<SlackConfig, 'writeChannels' | 'denyChannels' | 'readChannels'>,
    private readonly directory: Directory,
  ) {}

  get limitsReads(): boolean {
    return this.config.readChannels.length > 0;
  }

  /** A list's entries as IDs. Names need the directory; if it cannot load, the check fails closed. */
  private async ids(entries: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    const names: string[] = [];
    for (const entry of entries) {
      const trimmed = entry.trim();
      const mention = /^<#([A-Z0-9]+)/.exec(trimmed)?.[1];
      if (mention) out.add(mention);
      else if (CHANNEL_ID.test(trimmed)) out.add(trimmed);
      else names.push(trimmed.replace(/^#/, '').toLowerCase());
    }
    if (names.length > 0) {
      const channels = await this.directory.channels().catch((error: unknown) => {
        // Security: a list we cannot resolve must not turn into "no restriction".
        throw new PermissionDeniedError('The channel lists name channels, and the directory did not load.', {
          cause: error,
          hint: `Try again shortly; list channels by ID to avoid this. (${(error as Error).message})`,
        });
      });
      for (const channel of channels) if (names.includes(channel.name.toLowerCase())) out.add(channel.id);
    }
    return out;
  }

  /** Security: every read tool that takes a channel calls this before asking Slack. */
  async checkRead(channelId: string): Promise<void> {
    if (!this.limitsReads) return;
    if (!(await this.ids(this.config.readChannels)).has(channelId)) {
      throw new PermissionDeniedError(`Reading ${this.label(channelId)} is not allowed by this server.`, {
        hint: 'Only channels in SLACK_READ_CHANNELS can be read.',
      });
    }
  }

  /** A predicate for filtering lists and search results by the read allow-list. */
  async readFilter(): Promise<(channelId: string) => boolean> {
    if (!this.limitsReads) return () => true;
    const allowed = await this.ids(this.config.readChannels);
    return (id) => allowed.has(id);
  }

  /** Security: every write tool that touches a channel calls this before asking Slack. */
  async checkWrite(channelId: string): Promise<void> {
    const { writeChannels, denyChannels } = this.config;
    if (denyChannels.length > 0 && (await this.ids(denyChannels)).has(channelId)) {
      throw new PermissionDeniedError(`Writing to ${this.label(channelId)} is barred by this server.`, {
        hint: 'The channel is in SLACK_DENY_CHANNELS; do not retry, pick another channel or ask the user.',
      });
    }
    if (writeChannels.length > 0 && !(await this.ids(writeChannels)).has(channelId)) {
      throw new PermissionDeniedError(`Writing to ${this.label(channelId)} is not allowed by this server.`, {
        hint: 'Only channels in SLACK_WRITE_CHANNELS can be written to.',
      });
    }
  }

  private label(channelId: string): string {
    const name = this.directory.channelName(channelId);
    return name ? `#${name} (${channelId})` : channelId;
  }
}
