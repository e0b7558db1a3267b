import { readFileSync } from 'node:fs';
import { ConfigError } from '@refmcp/core';

// Where and how the server reaches Slack (`--api-url`, `--ca-file`, the proxy variables), each
// checked at start-up so that a bad value is a config error, not a failed call.

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

/** A base URL the client can append method names to. */
export function normalizeApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(
      `--api-url (SLACK_API_URL) must be a URL like https://slack.com/api/, got "${raw}".`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`--api-url (SLACK_API_URL) must be http(s), got "${raw}".`);
  }
  // Security: the token travels in a header, so plain http is only for a local proxy or test API.
  if (url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new ConfigError(
      `--api-url (SLACK_API_URL) must use https unless it points at this machine, got "${raw}".`,
    );
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  if (!path.endsWith('/api/')) {
    throw new ConfigError(`--api-url (SLACK_API_URL) must end with /api/, got "${raw}".`);
  }
  url.pathname = path;
  return url.href;
}

/** The PEM file's certificates, read once at start-up so a bad path is a config error, not a failed call. */
export function readCaFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `--ca-file (SLACK_CA_FILE) cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}.`,
    );
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(`--ca-file (SLACK_CA_FILE) has no PEM certificate in it: ${path}.`);
  }
  return pem;
}

/** The proxy variables as curl and most tools read them: upper case first, then lower case. */
export function proxyFrom(env: Readonly<Record<string, string | undefined>>): ProxySettings {
  const pick = (name: string) => env[name]?.trim() || env[name.toLowerCase()]?.trim() || undefined;
  const out: ProxySettings = {};
  const httpProxy = pick('HTTP_PROXY');
  const httpsProxy = pick('HTTPS_PROXY');
  const noProxy = pick('NO_PROXY');
  if (httpProxy) out.httpProxy = httpProxy;
  if (httpsProxy) out.httpsProxy = httpsProxy;
  if (noProxy) out.noProxy = noProxy;
  return out;
}
