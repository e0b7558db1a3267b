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
type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean' ? boolean : S['type'] extends 'integer' ? S['default'] extends number ? number : number | undefined : S['type'] extends 'list' ? string[] : S['default'] extends string ? string : string | undefined;
export type OptionValues<O extends OptionSpecs> = {
    [K in keyof O]: ValueOf<O[K]>;
};
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
export declare function packageVersion(moduleUrl: string): string;
export type CliResult<O extends OptionSpecs> = {
    kind: 'help';
    text: string;
} | {
    kind: 'version';
    text: string;
} | {
    kind: 'run';
    options: OptionValues<O>;
    positionals: string[];
};
/** The options every server has: transport, HTTP security, logging. */
export declare const commonOptions: {
    readonly http: {
        readonly type: 'boolean';
        readonly description: 'Serve Streamable HTTP instead of stdio.';
        readonly env: 'MCP_HTTP';
    };
    readonly host: {
        readonly type: 'string';
        readonly description: 'HTTP bind address. Anything but loopback needs --allowed-hosts.';
        readonly env: 'MCP_HOST';
        readonly default: '127.0.0.1';
        readonly placeholder: '<addr>';
    };
    readonly port: {
        readonly type: 'integer';
        readonly description: 'HTTP port (0 picks a free one).';
        readonly env: 'MCP_PORT';
        readonly default: 3000;
        readonly min: 0;
        readonly max: 65535;
        readonly placeholder: '<n>';
    };
    readonly 'auth-token': {
        readonly type: 'string';
        readonly description: 'Require "Authorization: Bearer <token>" on HTTP requests.';
        readonly env: 'MCP_AUTH_TOKEN';
        readonly secret: true;
        readonly placeholder: '<token>';
    };
    readonly 'oauth-issuer': {
        readonly type: 'string';
        readonly description: 'OAuth resource-server mode: the authorization server whose JWT access tokens are accepted (exact "iss").';
        readonly env: 'MCP_OAUTH_ISSUER';
        readonly placeholder: '<url>';
    };
    readonly 'oauth-jwks-url': {
        readonly type: 'string';
        readonly description: "OAuth: URL of the authorization server's signing keys (JWKS), fetched on the first token.";
        readonly env: 'MCP_OAUTH_JWKS_URL';
        readonly placeholder: '<url>';
    };
    readonly 'resource-url': {
        readonly type: 'string';
        readonly description: 'OAuth: this server\'s public MCP URL, e.g. https://mcp.example.com/mcp; tokens must name it in "aud".';
        readonly env: 'MCP_RESOURCE_URL';
        readonly placeholder: '<url>';
    };
    readonly 'oauth-read-scope': {
        readonly type: 'string';
        readonly description: 'OAuth: scope that grants the read-only tools.';
        readonly env: 'MCP_OAUTH_READ_SCOPE';
        readonly default: 'mcp:read';
        readonly placeholder: '<scope>';
    };
    readonly 'oauth-write-scope': {
        readonly type: 'string';
        readonly description: 'OAuth: scope that grants every tool, read-only ones included.';
        readonly env: 'MCP_OAUTH_WRITE_SCOPE';
        readonly default: 'mcp:write';
        readonly placeholder: '<scope>';
    };
    readonly 'allowed-hosts': {
        readonly type: 'list';
        readonly description: 'Extra Host header names accepted over HTTP (comma-separated); loopback names are always accepted.';
        readonly env: 'MCP_ALLOWED_HOSTS';
        readonly placeholder: '<names>';
    };
    readonly 'allowed-origins': {
        readonly type: 'list';
        readonly description: 'Extra browser Origin hostnames accepted over HTTP (comma-separated).';
        readonly env: 'MCP_ALLOWED_ORIGINS';
        readonly placeholder: '<names>';
    };
    readonly 'legacy-http': {
        readonly type: 'string';
        readonly description: 'How 2025-11-25 clients are served over HTTP: sessions (Mcp-Session-Id, GET stream, resumable; sticky routing behind a balancer) or stateless.';
        readonly env: 'MCP_LEGACY_HTTP';
        readonly default: 'sessions';
        readonly choices: readonly ["sessions", "stateless"];
        readonly placeholder: '<mode>';
    };
    readonly 'max-body-bytes': {
        readonly type: 'integer';
        readonly description: 'Largest HTTP request body in bytes; larger ones get 413.';
        readonly env: 'MCP_MAX_BODY_BYTES';
        readonly default: number;
        readonly min: 1024;
        readonly placeholder: '<n>';
    };
    readonly 'tool-timeout': {
        readonly type: 'integer';
        readonly description: 'Longest a tool call may run, in ms, before it is stopped with a timeout error (0: no limit).';
        readonly env: 'MCP_TOOL_TIMEOUT';
        readonly default: 300000;
        readonly min: 0;
        readonly placeholder: '<ms>';
    };
    readonly confirm: {
        readonly type: 'string';
        readonly description: 'Which tool calls the user must approve through the client first: destructive (delete or overwrite), writes (any change), or off (the host asks before every call).';
        readonly env: 'MCP_CONFIRM';
        readonly default: 'destructive';
        readonly choices: readonly ["destructive", "writes", "off"];
        readonly placeholder: '<mode>';
    };
    readonly 'audit-log': {
        readonly type: 'string';
        readonly description: 'Append one JSON line per tool call start and end to this file (who, which tool, argument digest, outcome, duration).';
        readonly env: 'MCP_AUDIT_LOG';
        readonly placeholder: '<file>';
    };
    readonly 'audit-args': {
        readonly type: 'boolean';
        readonly description: 'Also record tool arguments in the audit log (redacted; strings over 200 characters as digest and size).';
        readonly env: 'MCP_AUDIT_ARGS';
    };
    readonly 'audit-max-bytes': {
        readonly type: 'integer';
        readonly description: 'Rotate the audit log to <file>.1 (keeping 5) before it passes this size.';
        readonly env: 'MCP_AUDIT_MAX_BYTES';
        readonly default: number;
        readonly min: 4096;
        readonly placeholder: '<n>';
    };
    readonly 'log-level': {
        readonly type: 'string';
        readonly description: `Log level on stderr: ${string}.`;
        readonly env: 'LOG_LEVEL';
        readonly default: 'info';
        readonly choices: readonly ["debug", "info", "warn", "error", "silent"];
        readonly placeholder: '<level>';
    };
};
export type CommonOptions = OptionValues<typeof commonOptions>;
export declare function parseCli<O extends OptionSpecs>(spec: CliSpec<O>, argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliResult<O>;
export declare function formatHelp<O extends OptionSpecs>(spec: CliSpec<O>): string;
export {};
