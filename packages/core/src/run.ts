import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { McpApp, ServeOptions } from './app.js';
import { type AuditLog, openAuditLog } from './audit.js';
import {
  type CliSpec,
  type CommonOptions,
  commonOptions,
  type OptionSpecs,
  type OptionValues,
  parseCli,
} from './config.js';
import type { ConfirmMode } from './confirm.js';
import { ConfigError, ToolError } from './errors.js';
import type { Authenticator } from './http.js';
import { startHttpServer } from './http-server.js';
import { createLogger, type Logger, type LogLevel } from './logger.js';
import { type OAuthConfig, oauthConfigFrom } from './oauth-config.js';
import { createRedactor } from './redact.js';
import { STDIO_MESSAGE_LIMIT } from './stdio-guard.js';
import { trackStdioListens } from './stdio-listen.js';
import { type RefuseOversized, StdioTransport } from './stdio-transport.js';

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
export async function runCli<O extends OptionSpecs>(options: RunCliOptions<O>): Promise<void> {
  const env = options.env ?? process.env;
  const spec = { ...options.spec, options: { ...options.spec.options, ...commonOptions } };
  let app: McpApp;
  let ctx: RunContext<O>;
  let oauthConfig: OAuthConfig | undefined;
  let audit: AuditLog | undefined;
  try {
    const parsed = parseCli(spec, options.argv ?? process.argv.slice(2), env);
    if (parsed.kind !== 'run') {
      process.stdout.write(parsed.kind === 'version' ? `${parsed.text}\n` : parsed.text);
      return;
    }
    const values = parsed.options as RunContext<O>['options'];
    oauthConfig = oauthConfigFrom(values, env);
    if (oauthConfig && options.authenticate) {
      throw new ConfigError('this server authenticates callers itself; the --oauth-* flags do not apply.');
    }
    // Server secrets (API tokens) are the app's to declare; this one is core's own.
    const logger = createLogger({
      name: spec.name,
      level: values['log-level'] as LogLevel,
      redact: createRedactor([values['auth-token'], oauthConfig?.introspection?.clientSecret]),
    });
    ctx = { options: values, positionals: parsed.positionals, env, logger, version: spec.version };
    app = await options.build(ctx);
    audit = openAudit(app, values);
  } catch (error) {
    // Whatever a user can fix (a missing directory, a bad value) is reported the same way.
    if (error instanceof ToolError) die(spec.name, error.message);
    throw error;
  }

  const { logger } = ctx;
  const timeout = ctx.options['tool-timeout'];
  const serve: ServeOptions = {
    confirm: ctx.options.confirm as ConfirmMode,
    ...(timeout > 0 && { toolTimeoutMs: timeout }),
    ...(audit && { audit }),
  };
  let shutdown: () => Promise<void>;
  if (ctx.options.http) {
    // Loaded only when configured: jose and the JWT checks are startup time stdio never needs.
    const oauth =
      oauthConfig &&
      (await import('./oauth.js')).createOAuthResourceServer({
        ...oauthConfig,
        tools: app.tools,
        resourceName: app.name,
        maxBodyBytes: ctx.options['max-body-bytes'],
        logger,
        ...(audit && { audit }),
      });
    const http = await startHttpServer(app, {
      host: ctx.options.host,
      port: ctx.options.port,
      authToken: ctx.options['auth-token'],
      allowedHosts: ctx.options['allowed-hosts'],
      allowedOrigins: ctx.options['allowed-origins'],
      legacy: ctx.options['legacy-http'] as 'sessions' | 'stateless',
      maxBodyBytes: ctx.options['max-body-bytes'],
      serve: oauth ? { ...serve, allowTool: oauth.allowTool } : serve,
      ...(options.authenticate && { authenticate: options.authenticate }),
      ...(oauth && { authenticate: oauth.authenticate, routes: oauth.routes }),
    }).catch((error: unknown) => {
      if (error instanceof ConfigError) die(spec.name, error.message);
      die(spec.name, `cannot listen on ${ctx.options.host}:${ctx.options.port}: ${(error as Error).message}`);
    });
    logger.info('serving Streamable HTTP', {
      url: http.url.href,
      auth: oauth ? 'oauth' : Boolean(ctx.options['auth-token']),
      ...(oauth && { resource: oauth.metadata.resource }),
    });
    shutdown = () => http.close();
  } else {
    if (oauthConfig) logger.warn('the --oauth-* flags apply to --http only; stdio has no authentication');
    const transport = new StdioTransport(process.stdin, process.stdout, refuseOversized(logger));
    const stdio = serveStdio((request) => app.createServer(request, serve), {
      onerror: (error) => logger.warn('stdio error', { error: error.message }),
      transport: app.changes ? trackStdioListens(transport, app.changes) : transport,
    });
    logger.info('serving stdio', { version: app.version });
    process.stdin.once('end', () => void stop('stdin closed'));
    shutdown = () => stdio.close();
  }

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { reason });
    await shutdown().catch(() => {});
    await app.close();
    audit?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** The audit log, if asked for; a file that cannot be opened is a configuration error. */
function openAudit(app: McpApp, values: CommonOptions): AuditLog | undefined {
  const file = values['audit-log'];
  if (!file) return undefined;
  const bearer = createRedactor([values['auth-token']]);
  try {
    return openAuditLog({
      file,
      server: app.name,
      withArgs: values['audit-args'] === true,
      maxBytes: values['audit-max-bytes'],
      // The app's redactor knows its upstream tokens, ours the bearer token: the log holds neither.
      redact: (text) => bearer(app.redact(text)),
    });
  } catch (error) {
    throw new ConfigError(`cannot open the audit log (--audit-log ${file}): ${(error as Error).message}`);
  }
}

/**
 * A message over the stdio limit answered by a JSON-RPC error for that request, so the
 * connection stays usable. Written straight to stdout as one whole line, like the SDK's.
 */
function refuseOversized(logger: Logger): RefuseOversized {
  return (id, bytes) => {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    const message = `The request is ${mib(bytes)}; one message over stdio may be at most ${mib(STDIO_MESSAGE_LIMIT)}. Send less in one call.`;
    logger.warn('oversized stdio message refused', { bytes, id });
    if (id !== undefined)
      process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id, error: { code: -32600, message } })}\n`);
  };
}

/** One line on stderr and exit code 2: the convention for "you configured me wrong". */
export function die(name: string, message: string): never {
  process.stderr.write(`${name}: ${message}\nRun '${name} --help' for usage.\n`);
  process.exit(2);
}
