import type { ToolContext } from '@refmcp/core';
import type { TemplateConfig } from './config.js';

/** What every tool can reach through `ctx.deps`. Add clients, pools or caches here. */
export interface TemplateDeps {
  config: TemplateConfig;
}

export type TemplateContext = ToolContext<TemplateDeps>;
