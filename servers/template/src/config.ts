import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { packageVersion, toolChoiceFrom, toolChoiceOptions } from '@refmcp/core';
import { toolsFor } from './tools/index.js';

/** Everything the server needs, already validated. Tests build one directly. */
export interface TemplateConfig {
  /** Longest text (in characters) a tool accepts. */
  maxTextLength: number;
  /** Only these tools (empty: all); see toolsFor. */
  tools: string[];
  excludeTools: string[];
}

/**
 * Options beyond the common ones (--http, --port, --log-level, …, which every server gets).
 * Each has an environment variable too, because hosts often configure servers through `env`.
 */
export const options = {
  'max-text-length': {
    type: 'integer',
    description: 'Longest text (characters) a tool accepts.',
    env: 'TEMPLATE_MAX_TEXT_LENGTH',
    default: 100_000,
    min: 1,
    placeholder: '<chars>',
  },
  ...toolChoiceOptions('TEMPLATE'),
} as const satisfies OptionSpecs;

export const cliSpec: CliSpec<typeof options> = {
  name: 'refmcp-template',
  // The one place the version is read: --version and the MCP handshake both come from here.
  version: packageVersion(import.meta.url),
  summary: 'A minimal MCP server: echo and word_count.',
  usage: '[options]',
  options,
  epilog: 'Example: TEMPLATE_MAX_TEXT_LENGTH=5000 refmcp-template',
};

/** Command line and environment become the config; everything a user must fix fails here. */
export function loadConfig(ctx: RunContext<typeof options>): TemplateConfig {
  const config = { maxTextLength: ctx.options['max-text-length'], ...toolChoiceFrom(ctx.options) };
  // An unknown name in --tools or --exclude-tools is a config error, like any other bad value.
  toolsFor(config);
  return config;
}
