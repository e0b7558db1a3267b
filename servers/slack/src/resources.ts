import { type McpServer, ResourceNotFoundError, ResourceTemplate } from '@modelcontextprotocol/server';
import { ToolError } from '@refmcp/core';
import type { SlackDeps } from './deps.js';

export const CHANNELS_URI = 'slack://channels';
export const USERS_URI = 'slack://users';

const json = (uri: URL, body: unknown) => ({
  contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(body) }],
});

/** Errors from Slack read as resource errors, with the same words a tool would use. */
async function orNotFound<T>(uri: URL, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ToolError) throw new ResourceNotFoundError(uri.href, error.message);
    throw error;
  }
}

/** Channel names starting with what the user typed, for completions. */
export async function completeChannel(deps: SlackDeps, typed: string): Promise<string[]> {
  const prefix = typed.replace(/^#/, '').toLowerCase();
  const readable = await deps.policy.readFilter().catch(() => () => false);
  const channels = await deps.directory.channels().catch(() => []);
  return channels
    .filter((c) => readable(c.id) && !c.isArchived && c.name.toLowerCase().startsWith(prefix))
    .map((c) => c.name)
    .slice(0, 100);
}

/** The cached directory as resources, and one resource per channel with completions for its name. */
export function registerResources(server: McpServer, deps: SlackDeps): void {
  server.registerResource(
    'channels',
    CHANNELS_URI,
    {
      title: 'Channels',
      description: 'Every channel visible to the token (cached directory).',
      mimeType: 'application/json',
    },
    (uri) =>
      orNotFound(uri, async () => {
        const readable = await deps.policy.readFilter();
        return json(
          uri,
          (await deps.directory.channels()).filter((c) => readable(c.id)),
        );
      }),
  );

  server.registerResource(
    'users',
    USERS_URI,
    { title: 'Users', description: 'Workspace members (cached directory).', mimeType: 'application/json' },
    (uri) => orNotFound(uri, async () => json(uri, await deps.directory.users())),
  );

  const template = new ResourceTemplate(`${CHANNELS_URI}/{channel}`, {
    list: undefined,
    complete: { channel: (value) => completeChannel(deps, value) },
  });
  server.registerResource(
    'channel',
    template,
    { title: 'Channel', description: 'One channel by name or ID.', mimeType: 'application/json' },
    (uri, variables) =>
      orNotFound(uri, async () => {
        const id = await deps.directory.resolveChannel(decodeURIComponent(String(variables.channel ?? '')));
        await deps.policy.checkRead(id);
        const channel = (await deps.directory.channels()).find((c) => c.id === id);
        if (!channel) throw new ResourceNotFoundError(uri.href, `No channel ${id} in the directory.`);
        return json(uri, channel);
      }),
  );
}
