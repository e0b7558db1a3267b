import type { ChangeFeed, Logger } from '@refmcp/core';
import type { Sandbox } from '@refmcp/core/sandbox';
import { parseUri, resolveUri } from './resources.js';
import type { FileWatcher } from './watcher.js';

/**
 * 2026-era listen streams over HTTP: watches each `file://` URI an open stream names, through the
 * shared watcher, while at least one stream names it, and publishes its changes to the feed.
 * A URI outside the allowed directories is never watched. Returns a function that stops it all.
 */
export function followListenStreams(
  feed: ChangeFeed,
  sandbox: Sandbox,
  watcher: FileWatcher,
  logger: Logger,
): () => void {
  // Starting a watch is async; a stream may close before it has started, so keep the promise.
  const active = new Map<string, Promise<(() => void) | undefined>>();
  const release = (uri: string) => {
    const started = active.get(uri);
    active.delete(uri);
    void started?.then((stop) => stop?.());
  };
  const stopFollowing = feed.onResource((uri, wanted) => {
    if (!wanted) return release(uri);
    const started = Promise.resolve()
      .then(() => resolveUri(parseUri(uri), sandbox))
      .then((real) =>
        watcher.watch(real, () => {
          if (sandbox.contains(real)) feed.resourceUpdated(uri);
        }),
      )
      .then(
        (stop) => {
          logger.debug('listened file watched', { uri, watched: watcher.size });
          return stop;
        },
        (error: unknown) => {
          // Nothing to tell the stream: it simply hears nothing about a URI it may not see.
          logger.debug('listened URI not watched', { uri, error: (error as Error).message });
          return undefined;
        },
      );
    active.set(uri, started);
  });
  return () => {
    stopFollowing();
    for (const uri of [...active.keys()]) release(uri);
  };
}
