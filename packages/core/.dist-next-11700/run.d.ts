import type { McpApp } from './app.js';
import { type CliSpec, type CommonOptions, type OptionSpecs, type OptionValues } from './config.js';
import { type Authenticator } from './http.js';
import { type Logger } from './logger.js';
export interface RunContext<O extends OptionSpecs> {
    options: OptionValues<O> & CommonOptions;
    positionals: string[];
    env: Readonly<Record<string, string | undefined>>;
    logger: Logger;
    /** The server's version, from its spec: one source for `--version` and the MCP handshake. */
    version: string;
}
export interface RunCliOptions<O extends OptionSpecs> {
    spec: CliSpec<O>;
    /** Builds the app from validated config; throw ConfigError for anything a user must fix. */
    build: (context: RunContext<O>) => McpApp | Promise<McpApp>;
    /** Replaces the static bearer check, e.g. with OAuth resource-server verification. */
    authenticate?: Authenticator;
    argv?: readonly string[];
    env?: Readonly<Record<string, string | undefined>>;
}
/**
 * The whole life of a server process: parse config, build the app, serve stdio or HTTP, shut down
 * cleanly on SIGINT/SIGTERM or when the client closes stdin. Bad config is one line on stderr and
 * exit code 2, so a host's log shows exactly what to fix.
 */
export declare function runCli<O extends OptionSpecs>(options: RunCliOptions<O>): Promise<void>;
/** One line on stderr and exit code 2: the convention for "you configured me wrong". */
export declare function die(name: string, message: string): never;
