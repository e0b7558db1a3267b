import type { OptionSpecs, OptionValues } from './config.js';
import { LOG_LEVELS } from './logger.js';

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
