import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { ConfigError, packageVersion, toolChoiceFrom, toolChoiceOptions } from '@refmcp/core';
import { upstreamAuthOptions } from '@refmcp/core/upstream';
import { DEFAULT_TRUSTED_BOTS, trustedBotsFrom } from './lockdown.js';
import { toolsFor } from './tools/index.js';
import { DEFAULT_TOOLSETS, TOOLSET_NAMES } from './toolsets.js';

/** Everything the server needs, already validated. Tests build one directly. */
export interface GitHubConfig {
  /** The one token every call uses; empty when each caller links their own (`--upstream-auth oauth`). */
  token: string;
  /** REST API base URL without a trailing slash: https://api.github.com or https://host/api/v3. */
  apiUrl: string;
  /** Toolset names, `default` or `all`; see toolsFor. */
  toolsets: string[];
  /** Extra tools by name, added to the toolsets' tools. */
  tools: string[];
  excludeTools: string[];
  readOnly: boolean;
  /** In public repositories, hide content written by users without push access. */
  lockdown: boolean;
  /**
   * A classic token's scopes, as GitHub reported them at start-up (token-scopes.ts): tools they do
   * not allow are hidden. Undefined for fine-grained and GitHub App tokens, or when unknown.
   */
  tokenScopes?: string[];
  /** Bot logins (ending in `[bot]`, lower case) whose text lockdown shows anyway. */
  lockdownTrustedBots: string[];
  /** Milliseconds per second of a server-requested wait (tests shrink it). */
  retryAfterUnitMs: number;
  /** The longest server-requested wait retried automatically, in seconds; longer ones fail. */
  maxRetryWaitSeconds: number;
  /** Minimum spacing of writes and searches, as GitHub asks of integrations (tests shrink it). */
  writeSpacingMs: number;
  /** The longest answer read from GitHub, in bytes; a longer one is refused (see bounded-fetch.ts). */
  maxResponseBytes: number;
}

/** GitHub answers pages of at most 100 items; 8 MiB holds any real one with room to spare. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export const options = {
  toolsets: {
    type: 'list',
    description: `Toolsets to enable (comma-separated): ${TOOLSET_NAMES.join(', ')}, or all.`,
    env: 'GITHUB_TOOLSETS',
    default: [...DEFAULT_TOOLSETS],
    placeholder: '<names>',
  },
  ...toolChoiceOptions('GITHUB', { withToolsets: true }),
  'read-only': {
    type: 'boolean',
    description: 'Offer only tools that do not change anything on GitHub.',
    env: 'GITHUB_READ_ONLY',
  },
  lockdown: {
    type: 'boolean',
    description: 'In public repositories, hide issues and comments from authors without push access.',
    env: 'GITHUB_LOCKDOWN_MODE',
  },
  'lockdown-trusted-bots': {
    type: 'list',
    description: `Bot logins whose text lockdown still shows (comma-separated), or none. Default: ${DEFAULT_TRUSTED_BOTS.join(', ')}.`,
    env: 'GITHUB_LOCKDOWN_TRUSTED_BOTS',
    default: [...DEFAULT_TRUSTED_BOTS],
    placeholder: '<logins>',
  },
  'request-spacing': {
    type: 'integer',
    description: 'Minimum milliseconds between writes, and between searches, as GitHub asks of integrations.',
    env: 'GITHUB_REQUEST_SPACING_MS',
    default: 1000,
    min: 0,
    placeholder: '<ms>',
  },
  'max-response-bytes': {
    type: 'integer',
    description: 'Longest answer read from GitHub, in bytes; a longer one is refused with an error.',
    env: 'GITHUB_MAX_RESPONSE_BYTES',
    default: DEFAULT_MAX_RESPONSE_BYTES,
    min: 64 * 1024,
    max: 256 * 1024 * 1024,
    placeholder: '<bytes>',
  },
  'gh-host': {
    type: 'string',
    description: 'GitHub Enterprise Server or ghe.com host, or a full REST API URL.',
    env: 'GITHUB_API_URL',
    placeholder: '<host|url>',
  },
  ...upstreamAuthOptions('GITHUB'),
} as const satisfies OptionSpecs;

export const cliSpec: CliSpec<typeof options> = {
  name: 'refmcp-github',
  // The one place the version is read: --version and the MCP handshake both come from here.
  version: packageVersion(import.meta.url),
  summary: 'MCP server for GitHub: repositories, issues, pull requests and more.',
  usage: '[options]',
  options,
  epilog:
    'The token comes from GITHUB_PERSONAL_ACCESS_TOKEN (or GITHUB_TOKEN); with --upstream-auth oauth each caller links their own account.\n' +
    'Example: GITHUB_PERSONAL_ACCESS_TOKEN=... refmcp-github --toolsets repos,issues --read-only',
};

export const tokenFrom = (env: Readonly<Record<string, string | undefined>>): string | undefined =>
  env.GITHUB_PERSONAL_ACCESS_TOKEN || env.GITHUB_TOKEN || undefined;

/**
 * The REST base URL for a host: github.com → api.github.com, `*.ghe.com` → api.<host>, any other
 * host → GitHub Enterprise Server's `/api/v3`. A URL with a path is taken as given.
 */
export function apiUrlFor(host: string | undefined): string {
  if (!host) return 'https://api.github.com';
  let url: URL;
  try {
    url = new URL(/^https?:\/\//.test(host) ? host : `https://${host}`);
  } catch {
    throw new ConfigError(`--gh-host (GITHUB_API_URL) must be a host name or URL, got "${host}".`);
  }
  const origin = url.origin;
  if (url.pathname !== '/' && url.pathname !== '') return `${origin}${url.pathname.replace(/\/$/, '')}`;
  if (url.hostname === 'github.com' || url.hostname === 'api.github.com') return 'https://api.github.com';
  if (url.hostname.endsWith('.ghe.com')) return `${url.protocol}//api.${url.hostname.replace(/^api\./, '')}`;
  return `${origin}/api/v3`;
}

/** Command line and environment become the config; everything a user must fix fails here. */
export function loadConfig(ctx: RunContext<typeof options>): GitHubConfig {
  const perUser = ctx.options['upstream-auth'] === 'oauth';
  const token = perUser ? '' : tokenFrom(ctx.env);
  if (token === undefined) {
    throw new ConfigError(
      'Set GITHUB_PERSONAL_ACCESS_TOKEN (or GITHUB_TOKEN) to a GitHub token. Create one at https://github.com/settings/tokens.',
    );
  }
  if (ctx.positionals.length > 0) throw new ConfigError(`Unexpected argument: ${ctx.positionals[0]}`);
  const config: GitHubConfig = {
    token,
    apiUrl: apiUrlFor(ctx.options['gh-host']),
    toolsets: ctx.options.toolsets,
    ...toolChoiceFrom(ctx.options),
    readOnly: ctx.options['read-only'],
    lockdown: ctx.options.lockdown,
    lockdownTrustedBots: trustedBotsFrom(ctx.options['lockdown-trusted-bots']),
    retryAfterUnitMs: 1000,
    maxRetryWaitSeconds: 60,
    writeSpacingMs: ctx.options['request-spacing'],
    maxResponseBytes: ctx.options['max-response-bytes'],
  };
  // An unknown toolset or tool name is a config error, like any other bad value.
  toolsFor(config);
  return config;
}
