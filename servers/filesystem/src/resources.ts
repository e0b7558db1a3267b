import { constants } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type ListResourcesResult,
  type McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type ReadResourceResult,
  type Resource,
  ResourceNotFoundError,
  ResourceTemplate,
} from '@modelcontextprotocol/server';
import {
  asToolError,
  describeError,
  type InstanceContext,
  InvalidInputError,
  type Logger,
  PermissionDeniedError,
} from '@refmcp/core';
import type { Sandbox } from '@refmcp/core/sandbox';
import type { FsDeps } from './deps.js';
import { decodeContent, mimeTypeForName } from './fs/mime.js';
import { MAX_WHOLE_FILE_REPLY_BYTES } from './limits.js';
import type { FileWatcher } from './watcher.js';

/** What the resources use of a connection's deps. */
export type ResourceDeps = Pick<FsDeps, 'config' | 'sandbox'>;

/** resources/list stays small: it is a starting point, not an index of the disk. */
export const LIST_LIMIT = 200;

/**
 * Files under the allowed directories as `file://` resources: read any of them by URI, list the
 * top-level files, and follow changes (2025: resources/subscribe; 2026: subscriptions/listen).
 */
export function registerFileResources(
  instance: InstanceContext,
  deps: ResourceDeps,
  watcher: FileWatcher,
): void {
  const { server, era, logger } = instance;
  server.registerResource(
    'file',
    new ResourceTemplate('file://{+path}', { list: () => listTopLevelFiles(deps) }),
    {
      title: 'Files',
      description:
        `Files under the allowed directories, by file:// URI. Text files come back as text, others as ` +
        `base64 blobs; files over ${Math.min(deps.config.maxFileSize, MAX_WHOLE_FILE_REPLY_BYTES)} bytes are refused. The list shows up to ` +
        `${LIST_LIMIT} top-level files; any file inside can be read by its URI.`,
    },
    (uri) => asProtocolErrors(uri.href, () => readFileResource(uri, deps)),
  );
  // A legacy connection that outlives its request (stdio, a 2025 HTTP session, in process) is
  // notified through its own subscriptions. 2026-era listen streams, over stdio or HTTP, are fed
  // by the app (see listen-streams.ts); advertising subscribe lets them name files.
  if (era === 'legacy' && !instance.request.requestInfo) followSubscriptions(server, deps, watcher, logger);
  if (era === 'modern') server.server.registerCapabilities({ resources: { subscribe: true } });
}

/** Maps a `file://` URI to a local path and through the sandbox. */
export async function resolveUri(uri: URL, sandbox: Sandbox): Promise<string> {
  if (uri.protocol !== 'file:') {
    throw new InvalidInputError(`${uri.href} is not a file:// URI.`);
  }
  let local: string;
  try {
    local = fileURLToPath(uri);
  } catch {
    throw new InvalidInputError(`${uri.href} does not name a local file.`, {
      hint: 'Use file:///absolute/path, with no host and no encoded slashes.',
    });
  }
  // Security: every resource path goes through the same sandbox as the tools.
  return sandbox.resolve(local, 'read');
}

async function readFileResource(uri: URL, deps: ResourceDeps): Promise<ReadResourceResult> {
  const real = await resolveUri(uri, deps.sandbox);
  const { maxFileSize } = deps.config;
  const limit = Math.min(maxFileSize, MAX_WHOLE_FILE_REPLY_BYTES);
  const cap =
    limit === maxFileSize ? '--max-file-size' : 'what one reply carries; a stdio message is at most 9.9 MiB';
  const data = await readBounded(real, limit, cap);
  const { mimeType, text } = decodeContent(real, data);
  const contents =
    text === undefined
      ? { uri: uri.href, mimeType, blob: data.toString('base64') }
      : { uri: uri.href, mimeType, text };
  return { contents: [contents] };
}

/** Reads a regular file whole, refusing it (rather than truncating) when it is over `limit` bytes. */
async function readBounded(real: string, limit: number, cap: string): Promise<Buffer> {
  // Security: O_NOFOLLOW refuses a symlink swapped in after the sandbox check; O_NONBLOCK keeps a
  // FIFO from hanging the open, so it can be refused below like any non-regular file.
  const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ELOOP') throw error;
      throw new PermissionDeniedError(`${real} turned into a symlink while being read; refusing it.`);
    },
  );
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) {
      throw new InvalidInputError(`${real} is a directory.`, {
        hint: 'Resources are files; list a directory with list_directory.',
      });
    }
    if (!stats.isFile()) throw new InvalidInputError(`${real} is not a regular file.`);
    if (stats.size > limit) {
      throw new InvalidInputError(
        `${real} is ${stats.size} bytes; resource reads return at most ${limit} (${cap}).`,
        {
          hint: 'Read part of it with read_text_file (offset/limit, head or tail).',
        },
      );
    }
    // One byte more than allowed tells a file that grew since the stat from one that did not.
    const buffer = Buffer.alloc(Math.min(stats.size, limit) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    if (filled > limit)
      throw new InvalidInputError(`${real} grew past the ${limit} bytes resource reads return.`);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

async function listTopLevelFiles(deps: ResourceDeps): Promise<ListResourcesResult> {
  await deps.sandbox.ready();
  const resources: Resource[] = [];
  for (const dir of deps.sandbox.directories) {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (resources.length >= LIST_LIMIT) return { resources };
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const full = path.join(dir, entry.name);
      const real = await realpath(full).catch(() => undefined);
      // Security: a top-level link that leads outside (or nowhere) is not advertised.
      if (real === undefined || !deps.sandbox.contains(real)) continue;
      const stats = await stat(real).catch(() => undefined);
      if (!stats?.isFile()) continue;
      const mimeType = mimeTypeForName(entry.name);
      resources.push({
        uri: pathToFileURL(full).href,
        name: entry.name,
        size: stats.size,
        ...(mimeType && { mimeType }),
        // The SDK copies the template's title and description into every listed entry; undefined
        // drops them from the wire, which keeps a 200-entry list small.
        title: undefined,
        description: undefined,
      });
    }
  }
  return { resources };
}

/**
 * resources/subscribe and resources/unsubscribe for one connection. Watches go through the app's
 * shared watcher and are released on unsubscribe, on disconnect, and when a notice cannot be sent.
 */
function followSubscriptions(
  server: McpServer,
  deps: ResourceDeps,
  watcher: FileWatcher,
  logger: Logger,
): void {
  server.server.registerCapabilities({ resources: { subscribe: true } });
  const active = new Map<string, () => void>();
  const release = (uri: string) => {
    active.get(uri)?.();
    active.delete(uri);
  };

  server.server.setRequestHandler('resources/subscribe', async (request) => {
    const { uri } = request.params;
    if (active.has(uri)) return {};
    const real = await asProtocolErrors(uri, () => resolveUri(parseUri(uri), deps.sandbox));
    const stop = await asProtocolErrors(uri, () =>
      watcher.watch(real, () => {
        // Security: roots may have narrowed since the subscription; say nothing about files that
        // are no longer accessible.
        if (!deps.sandbox.contains(real)) return;
        server.server.sendResourceUpdated({ uri }).catch((error: unknown) => {
          logger.debug('resource update not delivered; dropping the subscription', {
            uri,
            error: (error as Error).message,
          });
          release(uri);
        });
      }),
    );
    // Two subscribes for one URI may race; keep the first and drop the duplicate watch.
    if (active.has(uri)) stop();
    else active.set(uri, stop);
    logger.debug('resource subscribed', { uri, watched: watcher.size });
    return {};
  });

  server.server.setRequestHandler('resources/unsubscribe', async (request) => {
    release(request.params.uri);
    return {};
  });

  const previous = server.server.onclose;
  server.server.onclose = () => {
    for (const uri of [...active.keys()]) release(uri);
    previous?.();
  };
}

export function parseUri(uri: string): URL {
  try {
    return new URL(uri);
  } catch {
    throw new InvalidInputError(`${uri} is not a valid URI.`);
  }
}

/** Tool-style errors become protocol errors with the same model-readable message. */
async function asProtocolErrors<T>(uri: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const known = asToolError(error);
    if (!known) throw error;
    if (known.kind === 'not_found') throw new ResourceNotFoundError(uri, describeError(known));
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, describeError(known), {
      uri,
      reason: known.kind,
    });
  }
}
