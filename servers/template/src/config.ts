import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';

/** Everything the server needs, already validated. Tests build one directly. */
export interface TemplateConfig {
  /** Longest text (in characters) a tool accepts. */
  maxTextLength: number;
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
} as const satisfies OptionSpecs;

export const cliSpec = (version: string): CliSpec<typeof options> => ({
  name: 'refmcp-template',
  version,
  summary: 'A minimal MCP server: echo and word_count.',
  usage: '[options]',
  options,
  epilog: 'Example: TEMPLATE_MAX_TEXT_LENGTH=5000 refmcp-template',
});

/** Command line and environment, parsed by runCli, become the server's config. */
export function loadConfig(ctx: RunContext<typeof options>): TemplateConfig {
  return { maxTextLength: ctx.options['max-text-length'] };
}
