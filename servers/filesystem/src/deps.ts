import { type ToolContext, toolsOf } from '@refmcp/core';
import type { FilesystemConfig } from './config.js';
import type { Sandbox } from './sandbox.js';

/** What every filesystem tool can reach. The sandbox is per connection (client roots narrow it). */
export interface FsDeps {
  config: FilesystemConfig;
  sandbox: Sandbox;
}

export type FsContext = ToolContext<FsDeps>;

/** Every tool file declares itself with this: the deps type is bound once, here. */
export const defineTool = toolsOf<FsDeps>();
