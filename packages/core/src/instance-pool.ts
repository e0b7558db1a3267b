import type { McpRequestContext, McpServer } from '@modelcontextprotocol/server';
import { instanceContextOf, type McpApp, type ServeOptions } from './app.js';

/** Idle instances kept per tool set; more than this many calls at once build extra ones. */
const MAX_IDLE = 64;
/** Distinct tool sets (from `allowTool`, e.g. OAuth scopes) whose instances are kept. */
const MAX_TOOL_SETS = 16;

/** What the SDK keeps on a server about the client of its last exchange (see `forget`). */
interface ClientIdentity {
  _clientCapabilities?: unknown;
  _clientVersion?: unknown;
}

/**
 * Servers for stateless (2026-07-28) HTTP requests. The SDK's model is a new server per request,
 * which here meant registering every tool, its schemas and handlers again for each call: about
 * half of what a trivial call cost. An instance only serves one exchange at a time (the SDK
 * refuses one that is still connected), so each finished instance goes back here and the next
 * request takes it. Instances are kept per tool set, because `allowTool` (OAuth scopes) decides
 * per request which tools exist; the SDK resets the negotiated era on each connect, and the
 * client identity it copied from the last request's envelope is forgotten on release.
 */
export function statelessServers(
  app: McpApp,
  serve: ServeOptions,
): (request: McpRequestContext) => McpServer {
  const idle = new Map<string, McpServer[]>();
  const keyOf = (request: McpRequestContext): string =>
    serve.allowTool
      ? app.tools
          .filter((tool) => serve.allowTool?.(tool, request))
          .map((tool) => tool.name)
          .join(' ')
      : '';

  const release = (key: string, server: McpServer) => {
    forget(server);
    let list = idle.get(key);
    if (!list) {
      if (idle.size >= MAX_TOOL_SETS) return;
      list = [];
      idle.set(key, list);
    }
    if (list.length < MAX_IDLE) list.push(server);
  };

  return (request) => {
    const key = keyOf(request);
    const reused = idle.get(key)?.pop();
    if (reused) {
      const instance = instanceContextOf(reused);
      // Setup code that kept the context sees the request being served, not the first one.
      if (instance) instance.request = request;
      return reused;
    }
    const server = app.createServer(request, serve);
    // The SDK calls this when the exchange's transport closes, after detaching it: the instance
    // can take the next request from then on. (A `subscriptions/listen` instance is never
    // connected, so never comes back; it is simply dropped.)
    const previous = server.server.onclose;
    server.server.onclose = () => {
      previous?.();
      release(key, server);
    };
    return server;
  };
}

/**
 * Security: the SDK copies the client's declared capabilities and identity from a request's
 * envelope onto the server, and only overwrites them when the next envelope declares some. A
 * pooled instance must not answer one client with another's capabilities (approvals ask only
 * clients that can ask), so both go back to unset, as on a new instance.
 */
function forget(server: McpServer): void {
  const identity = server.server as unknown as ClientIdentity;
  identity._clientCapabilities = undefined;
  identity._clientVersion = undefined;
}
