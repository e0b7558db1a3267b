/**
 * Starts a bundle's server the way Claude Desktop does: the manifest's command, args and env with
 * `${__dirname}` and `${user_config.*}` filled in by mcpb's own getMcpConfigForManifest (the code
 * Claude Desktop uses), then a real MCP client over stdio.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { getMcpConfigForManifest } from '@anthropic-ai/mcpb';
import { spawnStdio } from '@refmcp/core/testing';

const home = homedir();
const SYSTEM_DIRS = {
  HOME: home,
  DESKTOP: path.join(home, 'Desktop'),
  DOCUMENTS: path.join(home, 'Documents'),
  DOWNLOADS: path.join(home, 'Downloads'),
};

/** The command line and environment of a bundle in `dir` for the given settings. */
export async function commandFor(dir, userConfig) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  const config = await getMcpConfigForManifest({
    manifest,
    extensionPath: dir,
    systemDirs: SYSTEM_DIRS,
    userConfig,
    pathSeparator: path.sep,
  });
  if (!config)
    throw new Error(`${manifest.name}: a required setting is missing from ${JSON.stringify(userConfig)}`);
  return { manifest, config };
}

/**
 * Spawns the bundle's server with only PATH and the manifest's env, so nothing from this process's
 * environment (a token, a workspace path) can stand in for what the bundle must carry. `cwd` is the
 * bundle folder, outside the workspace, so no workspace node_modules can be resolved.
 */
export async function launchBundle(dir, userConfig) {
  const { manifest, config } = await commandFor(dir, userConfig);
  const server = await spawnStdio({
    command: config.command,
    args: config.args ?? [],
    env: config.env ?? {},
    cwd: dir,
  });
  return { manifest, config, server };
}

/** Every tool the server lists, as the manifest records it: name and description. */
export async function listedTools(client) {
  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    for (const tool of page.tools) tools.push({ name: tool.name, description: tool.description ?? '' });
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}
