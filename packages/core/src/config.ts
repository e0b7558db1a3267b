import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ConfigError } from './errors.js';
import { LOG_LEVELS } from './logger.js';

/**
 * Command-line and environment configuration. Every flag can also come from an environment
 * variable, because hosts configure servers through `env` blocks as often as through `args`.
 * The command line wins over the environment.
 */
export type OptionType = 'string' | 'boolean' | 'integer' | 'list';

export interface OptionSpec {
  type: OptionType;
  description: string;
  env?: string;
  default?: string | number | boolean | string[];
  /** Shown in --help for string-like options, e.g. `<ms>`. */
  placeholder?: string;
  /** A secret is never echoed back in an error message. */
  secret?: boolean;
  /** For integers: smallest and largest accepted values. */
  min?: number;
  max?: number;
  /** For strings: the accepted values. */
  choices?: readonly string[];
}

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? boolean
  : S['type'] extends 'integer'
    ? S['default'] extends number
      ? number
      : number | undefined
    : S['type'] extends 'list'
      ? string[]
      : S['default'] extends string
        ? string
        : string | undefined;

export type OptionValues<O extends OptionSpecs> = { [K in keyof O]: ValueOf<O[K]> };

export interface CliSpec<O extends OptionSpecs> {
  /** The bin name, e.g. `refmcp-filesystem`. */
  name: string;
  version: string;
  summary: string;
  /** Usage after the bin name, e.g. `[options] <directory...>`. */
  usage: string;
  options: O;
  /** Help text for positional arguments. */
  positionals?: string;
  /** Extra lines at the end of --help (examples). */
  epilog?: string;
}

/**
 * The `version` in the package.json one folder above a module, for a server's CliSpec:
 * `version: packageVersion(import.meta.url)` in `src/config.ts` (or `dist/config.js`). One source
 * for `--version` and the MCP handshake.
 */
export function packageVersion(moduleUrl: string): string {
  return (createRequire(moduleUrl)('../package.json') as { version: string }).version;
}

export type CliResult<O extends OptionSpecs> =
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string }
  | { kind: 'run'; options: OptionValues<O>; positionals: string[] };

/** The options every server has: transport, HTTP security, logging. */
export const commonOptions = {
  http: { type: 'boolean', description: 'Serve Streamable HTTP instead of stdio.', env: 'MCP_HTTP' },
  host: {
    type: 'string',
    description: 'HTTP bind address. Anything but loopback needs --allowed-hosts.',
    env: 'MCP_HOST',
    default: '127.0.0.1',
    placeholder: '<addr>',
  },
  port: {
    type: 'integer',
    description: 'HTTP port (0 picks a free one).',
    env: 'MCP_PORT',
    default: 3000,
    min: 0,
    max: 65535,
    placeholder: '<n>',
  },
  'auth-token': {
    type: 'string',
    description: 'Require "Authorization: Bearer <token>" on HTTP requests.',
    env: 'MCP_AUTH_TOKEN',
    secret: true,
    placeholder: '<token>',
  },
  'oauth-issuer': {
    type: 'string',
    description:
      'OAuth resource-server mode: the authorization server whose JWT access tokens are accepted (exact "iss").',
    env: 'MCP_OAUTH_ISSUER',
    placeholder: '<url>',
  },
  'oauth-jwks-url': {
    type: 'string',
    description: "OAuth: URL of the authorization server's signing keys (JWKS), fetched on the first token.",
    env: 'MCP_OAUTH_JWKS_URL',
    placeholder: '<url>',
  },
  'oauth-introspection-url': {
    type: 'string',
    description:
      "OAuth: the authorization server's token introspection endpoint (RFC 7662), for opaque access tokens.",
    env: 'MCP_OAUTH_INTROSPECTION_URL',
    placeholder: '<url>',
  },
  'oauth-client-id': {
    type: 'string',
    description:
      "OAuth: this server's client id for introspection; its secret is read from MCP_OAUTH_CLIENT_SECRET only.",
    env: 'MCP_OAUTH_CLIENT_ID',
    placeholder: '<id>',
  },
  'oauth-introspect': {
    type: 'string',
    description:
      'OAuth: which tokens are introspected: opaque (JWTs are verified against the JWKS) or always.',
    env: 'MCP_OAUTH_INTROSPECT',
    default: 'opaque',
    choices: ['opaque', 'always'],
    placeholder: '<when>',
  },
  'resource-url': {
    type: 'string',
    description:
      'OAuth: this server\'s public MCP URL, e.g. https://mcp.example.com/mcp; tokens must name it in "aud".',
    env: 'MCP_RESOURCE_URL',
    placeholder: '<url>',
  },
  'oauth-require-typ': {
    type: 'string',
    description:
      'OAuth: refuse JWT access tokens whose header "typ" is not this, e.g. at+jwt (RFC 9068) when your authorization server sets it.',
    env: 'MCP_OAUTH_REQUIRE_TYP',
    placeholder: '<typ>',
  },
  'oauth-read-scope': {
    type: 'string',
    description: 'OAuth: scope that grants the read-only tools.',
    env: 'MCP_OAUTH_READ_SCOPE',
    default: 'mcp:read',
    placeholder: '<scope>',
  },
  'oauth-write-scope': {
    type: 'string',
    description: 'OAuth: scope that grants every tool, read-only ones included.',
    env: 'MCP_OAUTH_WRITE_SCOPE',
    default: 'mcp:write',
    placeholder: '<scope>',
  },
  'allowed-hosts': {
    type: 'list',
    description:
      'Extra Host header names accepted over HTTP (comma-separated); loopback names are always accepted.',
    env: 'MCP_ALLOWED_HOSTS',
    placeholder: '<names>',
  },
  'allowed-origins': {
    type: 'list',
    description: 'Extra browser Origin hostnames accepted over HTTP (comma-separated).',
    env: 'MCP_ALLOWED_ORIGINS',
    placeholder: '<names>',
  },
  'legacy-http': {
    type: 'string',
    description:
      'How 2025-11-25 clients are served over HTTP: sessions (Mcp-Session-Id, GET stream, resumable; sticky routing behind a balancer) or stateless.',
    env: 'MCP_LEGACY_HTTP',
    default: 'sessions',
    choices: ['sessions', 'stateless'],
    placeholder: '<mode>',
  },
  'max-body-bytes': {
    type: 'integer',
    description: 'Largest HTTP request body in bytes; larger ones get 413.',
    env: 'MCP_MAX_BODY_BYTES',
    default: 4 * 1024 * 1024,
    min: 1024,
    placeholder: '<n>',
  },
  'tool-timeout': {
    type: 'integer',
    description:
      'Longest a tool call may run, in ms, before it is stopped with a timeout error (0: no limit).',
    env: 'MCP_TOOL_TIMEOUT',
    default: 300_000,
    min: 0,
    placeholder: '<ms>',
  },
  confirm: {
    type: 'string',
    description:
      'Which tool calls the user must approve through the client first: destructive (delete or overwrite), writes (any change), or off (the host asks before every call).',
    env: 'MCP_CONFIRM',
    default: 'destructive',
    choices: ['destructive', 'writes', 'off'],
    placeholder: '<mode>',
  },
  'audit-log': {
    type: 'string',
    description:
      'Append one JSON line per tool call start and end to this file (who, which tool, argument digest, outcome, duration).',
    env: 'MCP_AUDIT_LOG',
    placeholder: '<file>',
  },
  'audit-args': {
    type: 'boolean',
    description:
      'Also record tool arguments in the audit log (redacted; strings over 200 characters as digest and size).',
    env: 'MCP_AUDIT_ARGS',
  },
  'audit-max-bytes': {
    type: 'integer',
    description: 'Rotate the audit log to <file>.1 (keeping 5) before it passes this size.',
    env: 'MCP_AUDIT_MAX_BYTES',
    default: 100 * 1024 * 1024,
    min: 4096,
    placeholder: '<n>',
  },
  'log-level': {
    type: 'string',
    description: `Log level on stderr: ${LOG_LEVELS.join(', ')}.`,
    env: 'LOG_LEVEL',
    default: 'info',
    choices: LOG_LEVELS,
    placeholder: '<level>',
  },
} as const satisfies OptionSpecs;

export type CommonOptions = OptionValues<typeof commonOptions>;

export function parseCli<O extends OptionSpecs>(
  spec: CliSpec<O>,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliResult<O> {
  const parseOptions: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  };
  for (const [name, option] of Object.entries(spec.options)) {
    parseOptions[name] = option.type === 'boolean' ? { type: 'boolean' } : { type: 'string', multiple: true };
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: parseOptions, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ConfigError(cleanParseError(error));
  }
  if (parsed.values.help) return { kind: 'help', text: formatHelp(spec) };
  if (parsed.values.version) return { kind: 'version', text: spec.version };

  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const fromArgv = parsed.values[name];
    const fromEnv = option.env ? env[option.env] : undefined;
    const source = fromArgv !== undefined ? `--${name}` : option.env;
    options[name] = coerce(option, fromArgv, fromEnv === '' ? undefined : fromEnv, source ?? `--${name}`);
  }
  return { kind: 'run', options: options as OptionValues<O>, positionals: parsed.positionals };
}

function coerce(option: OptionSpec, fromArgv: unknown, fromEnv: string | undefined, source: string): unknown {
  if (option.type === 'boolean') {
    if (fromArgv !== undefined) return fromArgv;
    if (fromEnv === undefined) return option.default ?? false;
    if (/^(1|true|yes|on)$/i.test(fromEnv)) return true;
    if (/^(0|false|no|off)$/i.test(fromEnv)) return false;
    throw new ConfigError(`${source} must be true or false, got "${fromEnv}".`);
  }
  const values = Array.isArray(fromArgv)
    ? (fromArgv as string[])
    : fromEnv !== undefined
      ? [fromEnv]
      : undefined;
  if (option.type === 'list') {
    if (!values) return option.default ?? [];
    return values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
  }
  const raw = values?.at(-1);
  if (raw === undefined) return option.default;
  const shown = option.secret ? '(hidden)' : `"${raw}"`;
  if (option.type === 'integer') {
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
      throw new ConfigError(`${source} must be a whole number, got ${shown}.`);
    }
    if (
      (option.min !== undefined && value < option.min) ||
      (option.max !== undefined && value > option.max)
    ) {
      throw new ConfigError(
        `${source} must be between ${option.min ?? '-∞'} and ${option.max ?? '∞'}, got ${value}.`,
      );
    }
    return value;
  }
  if (option.choices && !option.choices.includes(raw)) {
    throw new ConfigError(`${source} must be one of ${option.choices.join(', ')}, got ${shown}.`);
  }
  if (raw === '') throw new ConfigError(`${source} needs a value.`);
  return raw;
}

function cleanParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Node's messages mention internal option config; keep only the first sentence.
  return message.split('. ')[0]?.replace(/\.$/, '') ?? message;
}

export function formatHelp<O extends OptionSpecs>(spec: CliSpec<O>): string {
  const rows: Array<[string, string]> = Object.entries(spec.options).map(([name, option]) => {
    const flag = option.type === 'boolean' ? `--${name}` : `--${name} ${option.placeholder ?? '<value>'}`;
    const extra = [
      option.env ? `env ${option.env}` : '',
      option.default !== undefined && option.type !== 'boolean' ? `default ${String(option.default)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    return [flag, extra ? `${option.description} (${extra})` : option.description];
  });
  rows.push(['-h, --help', 'Show this help.'], ['-v, --version', 'Show the version.']);
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const lines = [
    `${spec.name} ${spec.version}: ${spec.summary}`,
    '',
    `Usage: ${spec.name} ${spec.usage}`,
    ...(spec.positionals ? ['', spec.positionals] : []),
    '',
    'Options:',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    ...(spec.epilog ? ['', spec.epilog] : []),
  ];
  return `${lines.join('\n')}\n`;
}
