import type { CliSpec, OptionSpecs, RunContext } from '@refmcp/core';
import { ConfigError, packageVersion, toolChoiceFrom, toolChoiceOptions } from '@refmcp/core';
import { upstreamAuthOptions } from '@refmcp/core/upstream';
import { normalizeApiUrl, type ProxySettings, proxyFrom, readCaFile } from './connection.js';
import { toolsFor } from './tools/index.js';

export { normalizeApiUrl, type ProxySettings } from './connection.js';

export type TokenKind = 'bot' | 'user';

/** Everything the server needs, already validated. Tests build one directly. */
export interface SlackConfig {
  token: string;
  /** From the token's prefix (xoxb / xoxp), so startup needs no network. */
  tokenKind: TokenKind;
  teamId: string | undefined;
  /** Web API base URL, ending with `/api/`. */
  apiUrl: string;
  /** Registers the posting and reaction tools. */
  allowWrite: boolean;
  /** Registers slack_mark_read. */
  allowMarkRead: boolean;
  /** Registers the usergroup write tools. */
  allowUsergroupWrite: boolean;
  /** Lets write tools touch direct messages and group DMs, and registers slack_open_conversation. */
  allowDm: boolean;
  /** Channel IDs or #names that write tools may touch; empty means any not denied. */
  writeChannels: string[];
  /** Channel IDs or #names no write tool may touch. */
  denyChannels: string[];
  /** Channel IDs or #names that read tools may see; empty means any. */
  readChannels: string[];
  /** Let Slack unfurl links and media in posted messages. */
  unfurl: boolean;
  /** How long the users and channels directory stays fresh, in seconds. */
  cacheTtlSeconds: number;
  /** Retries of a failed or rate-limited Slack call (the client's own retry logic). */
  maxRetries: number;
  /** Per-request timeout in milliseconds. */
  requestTimeoutMs: number;
  /** The longest answer read from Slack, in bytes; a longer one is refused (see slack/bounded-fetch.ts). */
  maxResponseBytes: number;
  /** The largest file slack_get_file returns or slack_upload_file sends, in bytes. */
  maxFileBytes: number;
  /** Extra trusted certificate authorities (PEM), added to Node's own, for TLS-inspecting proxies. */
  caPem: string | undefined;
  /** Proxies from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case). */
  proxy: ProxySettings;
  /** Where the users and channels directory is kept between runs; undefined: memory only. */
  directoryCachePath: string | undefined;
  /** The oldest directory file used at start-up, in seconds. */
  directoryCacheMaxAgeSeconds: number;
  /** `--tools`: only these tools (empty: all that the switches allow). */
  tools: string[];
  excludeTools: string[];
}

/**
 * What one tool result can carry: results stay under 2 MiB (core's bounded-result.ts) and an
 * image travels base64-encoded (4/3 of its bytes), so 1.5 MiB is the most a file can be.
 */
export const MAX_FILE_BYTES_LIMIT = 1536 * 1024;

/** A page of 1,000 users or 200 long messages is far below this; only a broken upstream reaches it. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export const options = {
  'team-id': {
    type: 'string',
    description: 'Workspace ID (T…), for org-wide tokens.',
    env: 'SLACK_TEAM_ID',
    placeholder: '<id>',
  },
  'api-url': {
    type: 'string',
    description: 'Slack Web API base URL (for proxies and tests).',
    env: 'SLACK_API_URL',
    default: 'https://slack.com/api/',
    placeholder: '<url>',
  },
  'allow-write': {
    type: 'boolean',
    description: 'Offer the tools that post messages and add reactions.',
    env: 'SLACK_ALLOW_WRITE',
  },
  'allow-mark-read': {
    type: 'boolean',
    description: 'Offer slack_mark_read.',
    env: 'SLACK_ALLOW_MARK_READ',
  },
  'allow-usergroup-write': {
    type: 'boolean',
    description: 'Offer the tools that create usergroups and change their members.',
    env: 'SLACK_ALLOW_USERGROUP_WRITE',
  },
  'allow-dm': {
    type: 'boolean',
    description:
      'Let write tools post in direct messages and group DMs (the channel lists apply to them too), and offer slack_open_conversation.',
    env: 'SLACK_ALLOW_DM',
  },
  'write-channels': {
    type: 'list',
    description:
      'Only these channels (IDs or #names, comma-separated) may be written to; for DMs, the DM ID or the other person (U… or @name).',
    env: 'SLACK_WRITE_CHANNELS',
    placeholder: '<channels>',
  },
  'deny-channels': {
    type: 'list',
    description:
      'These channels (IDs or #names) may never be written to; a user (U… or @name) here bars every DM with them.',
    env: 'SLACK_DENY_CHANNELS',
    placeholder: '<channels>',
  },
  'read-channels': {
    type: 'list',
    description: 'Only these channels (IDs or #names; for DMs the DM ID or the user) may be read.',
    env: 'SLACK_READ_CHANNELS',
    placeholder: '<channels>',
  },
  unfurl: {
    type: 'boolean',
    description: 'Let Slack unfurl links and media in posted messages.',
    env: 'SLACK_UNFURL',
  },
  'cache-ttl': {
    type: 'integer',
    description: 'Seconds the users and channels directory stays fresh.',
    env: 'SLACK_CACHE_TTL',
    default: 3600,
    min: 0,
    placeholder: '<s>',
  },
  'max-retries': {
    type: 'integer',
    description: 'Retries of a failed or rate-limited Slack call.',
    env: 'SLACK_MAX_RETRIES',
    default: 3,
    min: 0,
    max: 10,
    placeholder: '<n>',
  },
  'request-timeout': {
    type: 'integer',
    description: 'Milliseconds before a Slack request is abandoned.',
    env: 'SLACK_REQUEST_TIMEOUT',
    default: 15_000,
    min: 100,
    placeholder: '<ms>',
  },
  'max-response-bytes': {
    type: 'integer',
    description: 'Longest answer read from Slack, in bytes; a longer one is refused with an error.',
    env: 'SLACK_MAX_RESPONSE_BYTES',
    default: DEFAULT_MAX_RESPONSE_BYTES,
    min: 64 * 1024,
    max: 256 * 1024 * 1024,
    placeholder: '<bytes>',
  },
  'max-file-bytes': {
    type: 'integer',
    description:
      'Largest file slack_get_file returns or slack_upload_file sends, in bytes (at most 1.5 MiB).',
    env: 'SLACK_MAX_FILE_BYTES',
    default: 1024 * 1024,
    min: 1,
    max: MAX_FILE_BYTES_LIMIT,
    placeholder: '<bytes>',
  },
  'ca-file': {
    type: 'string',
    description:
      'PEM file of extra certificate authorities to trust (a TLS-inspecting proxy); NODE_EXTRA_CA_CERTS works too.',
    env: 'SLACK_CA_FILE',
    placeholder: '<path>',
  },
  'directory-cache': {
    type: 'string',
    description:
      'File to keep the users and channels directory in between runs (no tokens are written to it).',
    env: 'SLACK_DIRECTORY_CACHE',
    placeholder: '<path>',
  },
  'directory-cache-max-age': {
    type: 'integer',
    description: 'Seconds a directory file stays usable at start-up; an older one is reloaded from Slack.',
    env: 'SLACK_DIRECTORY_CACHE_MAX_AGE',
    default: 86_400,
    min: 0,
    placeholder: '<s>',
  },
  ...toolChoiceOptions('SLACK'),
  ...upstreamAuthOptions('SLACK'),
} as const satisfies OptionSpecs;

/** Tokens come from the environment only: a command-line flag would show them in `ps`. */
export const TOKEN_ENV = ['SLACK_BOT_TOKEN', 'SLACK_USER_TOKEN'] as const;

export const cliSpec: CliSpec<typeof options> = {
  name: 'refmcp-slack',
  // The one place the version is read: --version and the MCP handshake both come from here.
  version: packageVersion(import.meta.url),
  summary: 'Slack over MCP: read channels and threads, search, and (opt-in) post.',
  usage: '[options]',
  options,
  epilog: [
    'Token: SLACK_BOT_TOKEN (xoxb-…) or SLACK_USER_TOKEN (xoxp-…; needed for search and unreads).',
    'When both are set the user token is used.',
    'Proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.',
    'Example: SLACK_BOT_TOKEN=xoxb-… SLACK_ALLOW_WRITE=true SLACK_WRITE_CHANNELS=#bots refmcp-slack',
  ].join('\n'),
};

export function tokenKindOf(token: string): TokenKind | undefined {
  if (token.startsWith('xoxb-')) return 'bot';
  if (token.startsWith('xoxp-')) return 'user';
  return undefined;
}

export function loadConfig(ctx: RunContext<typeof options>): SlackConfig {
  // Per-user mode: every caller links their own Slack account, a user token (xoxp-).
  const perUser = ctx.options['upstream-auth'] === 'oauth';
  const user = perUser ? 'xoxp-' : ctx.env.SLACK_USER_TOKEN?.trim();
  const bot = perUser ? undefined : ctx.env.SLACK_BOT_TOKEN?.trim();
  const token = user || bot;
  if (!token) {
    throw new ConfigError('Set SLACK_BOT_TOKEN (xoxb-…) or SLACK_USER_TOKEN (xoxp-…) in the environment.');
  }
  const tokenKind = tokenKindOf(token);
  // Security: the message names the variable, never the value.
  if (!tokenKind || (user ? tokenKind !== 'user' : tokenKind !== 'bot')) {
    const name = user ? 'SLACK_USER_TOKEN' : 'SLACK_BOT_TOKEN';
    throw new ConfigError(`${name} must start with ${user ? 'xoxp-' : 'xoxb-'}.`);
  }
  const o = ctx.options;
  const config: SlackConfig = {
    token: perUser ? '' : token,
    tokenKind,
    teamId: o['team-id'],
    apiUrl: normalizeApiUrl(o['api-url']),
    allowWrite: o['allow-write'],
    allowMarkRead: o['allow-mark-read'],
    allowUsergroupWrite: o['allow-usergroup-write'],
    allowDm: o['allow-dm'],
    writeChannels: o['write-channels'],
    denyChannels: o['deny-channels'],
    readChannels: o['read-channels'],
    unfurl: o.unfurl,
    cacheTtlSeconds: o['cache-ttl'],
    maxRetries: o['max-retries'],
    requestTimeoutMs: o['request-timeout'],
    maxResponseBytes: o['max-response-bytes'],
    maxFileBytes: o['max-file-bytes'],
    caPem: o['ca-file'] ? readCaFile(o['ca-file']) : undefined,
    proxy: proxyFrom(ctx.env),
    directoryCachePath: o['directory-cache'] || undefined,
    directoryCacheMaxAgeSeconds: o['directory-cache-max-age'],
    ...toolChoiceFrom(o),
  };
  // An unknown name in --tools or --exclude-tools is a config error, like any other bad value.
  toolsFor(config);
  return config;
}
