import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { ConfigError } from './errors.js';

export { type CommonOptions, commonOptions } from './common-options.js';

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
