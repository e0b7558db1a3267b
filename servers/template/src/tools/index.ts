import { type AnyTool, selectTools } from '@refmcp/core';
import type { TemplateConfig } from '../config.js';
import type { TemplateDeps } from '../deps.js';
import echo from './echo.js';
import wordCount from './word_count.js';

/** Every tool of the server, in the order clients list them. */
export const catalog: AnyTool<TemplateDeps>[] = [echo, wordCount];

/**
 * The tools this config offers: --tools and --exclude-tools, then each tool's own gate (a tool that
 * changes something is offered only when the 'write' switch is on; this server has none).
 */
export function toolsFor(config: TemplateConfig): AnyTool<TemplateDeps>[] {
  return selectTools(catalog, { gates: {}, tools: config.tools, excludeTools: config.excludeTools });
}
