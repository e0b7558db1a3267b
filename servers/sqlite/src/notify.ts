import type { McpServer } from '@modelcontextprotocol/server';
import type { ChangeFeed, Logger } from '@refmcp/core';

export const INSIGHTS_URI = 'memo://insights';

/** One database whose schema is followed: how to read its version, and its resources' URIs. */
export interface SchemaSource {
  readVersion: () => Promise<number>;
  schemaUri: string;
  tableUriPrefix: string;
}

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
  /** The last schema version seen, per database (by schema URI). */
  private readonly versions = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly sources: readonly SchemaSource[],
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

  /** Our own statement changed a schema: tell clients now rather than at the next poll. */
  schemaWritten(source: Pick<SchemaSource, 'schemaUri' | 'tableUriPrefix'>, version: number): void {
    this.versions.set(source.schemaUri, version);
    this.schemaChanged(source);
  }

  private versionPolled(source: SchemaSource, version: number): void {
    const known = this.versions.get(source.schemaUri);
    // The cookie only grows; a smaller value is a poll that started before our own write.
    if (known !== undefined && version < known) return;
    if (known !== undefined && version !== known) this.schemaChanged(source);
    this.versions.set(source.schemaUri, version);
  }

  insightsChanged(): void {
    for (const s of this.subscribers) this.updated(s, INSIGHTS_URI);
    this.feed.resourceUpdated(INSIGHTS_URI);
  }

  private schemaChanged({
    schemaUri,
    tableUriPrefix,
  }: Pick<SchemaSource, 'schemaUri' | 'tableUriPrefix'>): void {
    this.logger.debug('schema changed', { uri: schemaUri, version: this.versions.get(schemaUri) });
    for (const s of this.subscribers) {
      // Tables are listed as resources, so the list itself may have changed.
      void s.server.server.sendResourceListChanged().catch(() => {});
      this.updated(s, schemaUri);
      for (const uri of s.uris) if (uri.startsWith(tableUriPrefix)) this.updated(s, uri);
    }
    this.feed.resourcesChanged();
    this.feed.resourceUpdated(schemaUri);
    for (const uri of this.feed.resourceUris)
      if (uri.startsWith(tableUriPrefix)) this.feed.resourceUpdated(uri);
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
      for (const source of this.sources) {
        await source.readVersion().then(
          (version) => this.versionPolled(source, version),
          (error: Error) =>
            this.logger.debug('schema poll failed', { uri: source.schemaUri, error: error.message }),
        );
      }
    } finally {
      this.polling = false;
    }
  }

  close(): void {
    this.stop();
    this.subscribers.clear();
  }
}
