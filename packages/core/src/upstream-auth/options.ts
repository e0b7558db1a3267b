import type { OptionSpecs } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createKeyring, keysFrom } from './keyring.js';
import type { UpstreamProvider } from './provider.js';
import type { TokenStore } from './store.js';
import { openPostgresStore } from './store-postgres.js';
import { openSqliteStore } from './store-sqlite.js';
import { createUpstreamAuth, type UpstreamAuth } from './upstream-auth.js';

/**
 * The flags of per-user upstream identity, for a server's spec. `prefix` names the provider's
 * variables (GITHUB → GITHUB_OAUTH_CLIENT_ID); the store and key are shared names.
 */
export function upstreamAuthOptions(prefix: string) {
  return {
    'upstream-auth': {
      type: 'string',
      description:
        'Whose account the server uses upstream: pat (one configured token for every caller) or oauth (each caller links their own account; HTTP only).',
      env: `${prefix}_UPSTREAM_AUTH`,
      default: 'pat',
      choices: ['pat', 'oauth'],
    },
    'public-url': {
      type: 'string',
      description:
        'oauth: the URL browsers reach this server at, e.g. https://mcp.example.com (link pages and the OAuth callback).',
      env: 'MCP_PUBLIC_URL',
      placeholder: '<url>',
    },
    'upstream-client-id': {
      type: 'string',
      description: `oauth: the upstream OAuth app's client id (its secret comes from ${prefix}_OAUTH_CLIENT_SECRET).`,
      env: `${prefix}_OAUTH_CLIENT_ID`,
      placeholder: '<id>',
    },
    'upstream-scopes': {
      type: 'list',
      description:
        'oauth: scopes asked for when a user links (comma-separated); tools needing more ask to step up.',
      env: `${prefix}_OAUTH_SCOPES`,
      placeholder: '<scopes>',
    },
    'token-store': {
      type: 'string',
      description:
        'oauth: where linked tokens are kept, encrypted: a SQLite file (one host) or a postgres:// URL (several hosts).',
      env: 'UPSTREAM_TOKEN_STORE',
      placeholder: '<file|url>',
    },
    'token-key-file': {
      type: 'string',
      description:
        'oauth: file with the token encryption keys (32 bytes base64, one per line, newest first), instead of UPSTREAM_TOKEN_KEY.',
      env: 'UPSTREAM_TOKEN_KEY_FILE',
      placeholder: '<file>',
    },
  } as const satisfies OptionSpecs;
}

export interface UpstreamAuthValues {
  'upstream-auth': string;
  'public-url': string | undefined;
  'upstream-client-id': string | undefined;
  'upstream-scopes': string[];
  'token-store': string | undefined;
  'token-key-file': string | undefined;
  http: boolean;
}

/**
 * The oauth mode from validated options, or undefined in pat mode. Every missing piece is a
 * configuration error naming the flag or variable to set.
 */
export async function upstreamAuthFrom(input: {
  values: UpstreamAuthValues;
  env: Readonly<Record<string, string | undefined>>;
  prefix: string;
  serverName: string;
  logger: Logger;
  provider: (client: {
    clientId: string;
    clientSecret: string;
    scopes: string[] | undefined;
  }) => UpstreamProvider;
  grants?: (granted: readonly string[], needed: string) => boolean;
}): Promise<UpstreamAuth | undefined> {
  const { values, env, prefix } = input;
  if (values['upstream-auth'] !== 'oauth') return undefined;
  if (!values.http)
    throw new ConfigError('--upstream-auth oauth needs --http: users link their accounts in a browser.');
  const need = (value: string | undefined, what: string) => {
    if (!value) throw new ConfigError(`--upstream-auth oauth needs ${what}.`);
    return value;
  };
  const publicUrl = need(values['public-url'], '--public-url (MCP_PUBLIC_URL)');
  if (!URL.canParse(publicUrl)) throw new ConfigError(`--public-url is not a URL: ${publicUrl}`);
  const clientId = need(values['upstream-client-id'], `--upstream-client-id (${prefix}_OAUTH_CLIENT_ID)`);
  const clientSecret = need(env[`${prefix}_OAUTH_CLIENT_SECRET`], `${prefix}_OAUTH_CLIENT_SECRET`);
  const where = need(values['token-store'], '--token-store (a SQLite file or a postgres:// URL)');
  const keyring = createKeyring(keysFrom({ inline: env.UPSTREAM_TOKEN_KEY, file: values['token-key-file'] }));
  const scopes = values['upstream-scopes'].length > 0 ? values['upstream-scopes'] : undefined;
  const provider = input.provider({ clientId, clientSecret, scopes });
  const store: TokenStore = /^postgres(ql)?:\/\//.test(where)
    ? await openPostgresStore(where)
    : openSqliteStore(where);
  input.logger.info('per-user upstream identity', {
    provider: provider.id,
    store: /^postgres/.test(where) ? 'postgresql' : 'sqlite',
    keys: keyring.size,
  });
  return createUpstreamAuth({
    provider,
    store,
    keyring,
    publicUrl,
    serverName: input.serverName,
    logger: input.logger,
    ...(input.grants && { grants: input.grants }),
  });
}
