import type { McpServer } from '@modelcontextprotocol/server';
import type { ChangeFeed, Logger } from '@refmcp/core';

export const SCHEMA_URI = 'sqlite://schema';
export const INSIGHTS_URI = 'memo://insights';
export const TABLE_URI_PREFIX = 'sqlite://table/';

interface Subscriber {
  server: McpServer;
  /** URIs the client subscribed to with resources/subscribe. */
  uris: Set<string>;
}

/**
 * Tells clients when the schema or the insights memo change: 2025-era connections through their
 * own instance, 2026-era listen streams (stdio or HTTP) through the app's change feed. Schema
 * changes come from our own writes (reported at once) and from any other process writing the
 * file, noticed by polling `PRAGMA schema_version`, which reads one header field. The poll runs
 * only while a 2025-era connection or a listen stream is open, on an unref'd timer, so an idle
 * server does no work and can exit.
 */
export class ChangeNotifier {
  private readonly subscribers = new Set<Subscriber>();
  private version: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly readVersion: () => Promise<number>,
    private readonly pollMs: number,
    private readonly logger: Logger,
    private readonly feed: ChangeFeed,
  ) {
    feed.onListening(() => this.startOrStop());
  }

  /**
   * Follows one 2025-era connection (stdio, an HTTP session, in process) and its
   * resources/subscribe calls.
   */
  attach(server: McpServer): void {
    const subscriber: Subscriber = { server, uris: new Set() };
    server.server.setRequestHandler('resources/subscribe', (request) => {
      subscriber.uris.add(request.params.uri);
      return {};
    });
    server.server.setRequestHandler('resources/unsubscribe', (request) => {
      subscriber.uris.delete(request.params.uri);
      return {};
    });
    this.subscribers.add(subscriber);
    const previous = server.server.onclose;
    server.server.onclose = () => {
      previous?.();
      this.subscribers.delete(subscriber);
      this.startOrStop();
    };
    this.startOrStop();
  }

  /** Our own statement changed the schema: tell clients now rather than at the next poll. */
  schemaWritten(version: number): void {
    this.version = version;
    this.schemaChanged();
  }

  private versionPolled(version: number): void {
    // The cookie only grows; a smaller value is a poll that started before our own write.
    if (this.version !== undefined && version < this.version) return;
    if (this.version !== undefined && version !== this.version) this.schemaChanged();
    this.version = version;
  }

  insightsChanged(): void {
    for (const s of this.subscribers) this.updated(s, INSIGHTS_URI);
    this.feed.resourceUpdated(INSIGHTS_URI);
  }

  private schemaChanged(): void {
    this.logger.debug('schema changed', { version: this.version });
    for (const s of this.subscribers) {
      // Tables are listed as resources, so the list itself may have changed.
      void s.server.server.sendResourceListChanged().catch(() => {});
      this.updated(s, SCHEMA_URI);
      for (const uri of s.uris) if (uri.startsWith(TABLE_URI_PREFIX)) this.updated(s, uri);
    }
    this.feed.resourcesChanged();
    this.feed.resourceUpdated(SCHEMA_URI);
    for (const uri of this.feed.resourceUris)
      if (uri.startsWith(TABLE_URI_PREFIX)) this.feed.resourceUpdated(uri);
  }

  /** Only URIs the client subscribed to. */
  private updated(s: Subscriber, uri: string): void {
    if (!s.uris.has(uri)) return;
    void s.server.server.sendResourceUpdated({ uri }).catch(() => {});
  }

  private startOrStop(): void {
    if (this.subscribers.size > 0 || this.feed.listening > 0) this.start();
    else this.stop();
  }

  private start(): void {
    if (this.timer || this.pollMs <= 0) return;
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    void this.poll();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      this.versionPolled(await this.readVersion());
    } catch (error) {
      this.logger.debug('schema poll failed', { error: (error as Error).message });
    } finally {
      this.polling = false;
    }
  }

  close(): void {
    this.stop();
    this.subscribers.clear();
  }
}
