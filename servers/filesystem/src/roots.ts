import { realpath } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/server';
import type { Logger } from '@refmcp/core';
import { isWithin, type Sandbox } from './sandbox.js';

/**
 * Client roots (legacy era). With directories on the command line, roots can only narrow them:
 * the result is the overlap of the two sets. Without any, the roots are the sandbox.
 */
export function intersectRoots(configured: readonly string[], roots: readonly string[]): string[] {
  if (configured.length === 0) return [...new Set(roots)];
  const out = new Set<string>();
  for (const root of roots) {
    for (const dir of configured) {
      if (isWithin(root, dir)) out.add(root);
      else if (isWithin(dir, root)) out.add(dir);
    }
  }
  return [...out];
}

/**
 * How long tool calls may wait for the client's roots. A client that can answer does so in
 * milliseconds; one that declared roots but reads no server-initiated messages (an HTTP session
 * without its GET stream) never will, and then the command-line directories apply.
 */
export const ROOTS_TIMEOUT_MS = 3000;

async function fetchRoots(server: McpServer): Promise<string[]> {
  const { roots } = await server.server.listRoots(undefined, { timeout: ROOTS_TIMEOUT_MS });
  const paths: string[] = [];
  for (const root of roots) {
    if (!root.uri.startsWith('file://')) continue;
    const real = await realpath(fileURLToPath(root.uri)).catch(() => undefined);
    if (real) paths.push(real);
  }
  return paths;
}

/** Follows the client's roots for one connection: at start and on every list-changed notice. */
export function followClientRoots(
  server: McpServer,
  sandbox: Sandbox,
  configured: readonly string[],
  log: Logger,
) {
  const refresh = () => {
    if (!server.server.getClientCapabilities()?.roots) return;
    const pending = fetchRoots(server).then((roots) => {
      const narrowed = intersectRoots(configured, roots);
      log.info('client roots applied', { roots: roots.length, allowed: narrowed });
      return narrowed;
    });
    pending.catch((error: unknown) =>
      log.warn('could not read client roots; the command-line directories apply', {
        error: (error as Error).message,
      }),
    );
    sandbox.narrowTo(pending);
  };
  server.server.oninitialized = refresh;
  server.server.setNotificationHandler('notifications/roots/list_changed', refresh);
}
