import * as tls from 'node:tls';
import { type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';
import type { SlackConfig } from '../config.js';

/**
 * Node's trusted roots plus the operator's PEM. Setting `ca` replaces the default store, so the
 * defaults (with NODE_EXTRA_CA_CERTS, where Node can list them) are passed along.
 */
function trustedRoots(extraPem: string): string[] {
  const defaults =
    (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates?.('default') ??
    tls.rootCertificates;
  return [...defaults, extraPem];
}

/**
 * The connection every Slack request goes through: HTTPS_PROXY / HTTP_PROXY / NO_PROXY as the
 * config read them (tunnelled with CONNECT), and the extra CA bundle for the target and proxy.
 * Empty strings stop undici from reading process.env behind the config's back.
 */
export function slackDispatcher(config: Pick<SlackConfig, 'proxy' | 'caPem'>): Dispatcher {
  const tlsOptions = config.caPem ? { ca: trustedRoots(config.caPem) } : {};
  return new EnvHttpProxyAgent({
    httpProxy: config.proxy.httpProxy ?? '',
    httpsProxy: config.proxy.httpsProxy ?? '',
    noProxy: config.proxy.noProxy ?? '',
    connect: tlsOptions,
    requestTls: tlsOptions,
    proxyTls: tlsOptions,
  });
}

/** A WHATWG fetch bound to that dispatcher: what the Web API client and file transfers use. */
export function fetchVia(dispatcher: Dispatcher): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher,
    })) as unknown as typeof fetch;
}
