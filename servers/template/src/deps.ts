import { type ToolContext, toolsOf } from '@refmcp/core';
import type { TemplateConfig } from './config.js';

/** What every tool can reach through `ctx.deps`. Add clients, pools or caches here. */
export interface TemplateDeps {
  config: TemplateConfig;
}

export type TemplateContext = ToolContext<TemplateDeps>;

/** Every tool file declares itself with this: the deps type is bound once, here. */
export const defineTool = toolsOf<TemplateDeps>();
