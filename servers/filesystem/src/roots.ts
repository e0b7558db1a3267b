import { realpath } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { McpServer } from '@modelcontextprotocol/server';
import type { Logger } from '@refmcp/core';
import { isWithin, type Narrowing, NO_DIRECTORIES_NO_ROOTS, type Sandbox } from '@refmcp/core/sandbox';

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

/** How many roots the client sent, and the real paths of those that exist here. */
async function fetchRoots(server: McpServer): Promise<{ sent: number; usable: string[] }> {
  const { roots } = await server.server.listRoots(undefined, { timeout: ROOTS_TIMEOUT_MS });
  const usable: string[] = [];
  for (const root of roots) {
    if (!root.uri.startsWith('file://')) continue;
    const real = await realpath(fileURLToPath(root.uri)).catch(() => undefined);
    if (real) usable.push(real);
  }
  return { sent: roots.length, usable };
}

/**
 * Follows the client's roots for one connection: at start and on every list-changed notice.
 * An empty list names no place to work (a host with no folder open may send one), so it
 * never locks the user out: the command-line directories stay in force. A list that names places
 * none of which overlaps them does narrow to nothing, and the sandbox's error says so.
 */
export function followClientRoots(
  server: McpServer,
  sandbox: Sandbox,
  configured: readonly string[],
  log: Logger,
) {
  const refresh = () => {
    if (!server.server.getClientCapabilities()?.roots) return;
    const pending = fetchRoots(server).then(({ sent, usable }): Narrowing => {
      if (sent === 0) {
        if (configured.length > 0) {
          log.info('the client sent an empty roots list; the command-line directories apply', {
            allowed: configured,
          });
        } else {
          log.warn('the client sent an empty roots list and no directories were given on the command line', {
            allowed: [],
          });
        }
        return { directories: configured, whyEmpty: NO_DIRECTORIES_NO_ROOTS };
      }
      const narrowed = intersectRoots(configured, usable);
      if (narrowed.length === 0) {
        const whyEmpty =
          configured.length === 0
            ? `The client's roots (${sent}) name no directory on this machine.`
            : `The client's roots (${sent}) are all outside the directories the server was started with (${configured.join(', ')}).`;
        log.warn('client roots leave no directory accessible', { roots: sent, configured, reason: whyEmpty });
        return { directories: [], whyEmpty };
      }
      log.info('client roots applied', { roots: sent, allowed: narrowed });
      return { directories: narrowed };
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
