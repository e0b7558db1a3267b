import * as tls from 'node:tls';
import { heldResponse, ResponseTooLargeError, readCapped } from '@refmcp/core/upstream';
import { type Dispatcher, EnvHttpProxyAgent, request, fetch as undiciFetch } from 'undici';
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

/**
 * The Web API client's fetch, on undici's `request` instead of its `fetch`: a Web API call is a
 * form POST whose answer is read whole, and `fetch` spent about a quarter of a millisecond of the
 * server's CPU per call on what that does not use (its request body stream, its response stream,
 * then reading that stream back under the byte cap). The answer is read here under the same cap
 * (ResponseTooLargeError past it, the connection dropped) and handed on as a Response, the way
 * the client reads it. Redirects are refused, as the client asks of fetch. A body other than a
 * string (a multipart upload) goes to `viaFetch`.
 */
export function requestVia(dispatcher: Dispatcher, maxBytes: number, viaFetch: typeof fetch): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    if (typeof input !== 'string' || (init?.body != null && typeof init.body !== 'string')) {
      return viaFetch(input, init);
    }
    const { statusCode, headers, body } = await request(input, {
      dispatcher,
      method: (init?.method ?? 'GET') as Dispatcher.HttpMethod,
      headers: headerRecord(init?.headers),
      body: init?.body ?? null,
      signal: init?.signal ?? null,
    });
    if (statusCode >= 300 && statusCode < 400 && init?.redirect !== 'manual') {
      drop(body);
      throw new TypeError('fetch failed', { cause: new Error(`unexpected redirect (HTTP ${statusCode})`) });
    }
    if (Number(headers['content-length']) > maxBytes) {
      drop(body);
      throw new ResponseTooLargeError(maxBytes);
    }
    // Stopping at the cap destroys the body, which then reports the abort: expected, not a fault.
    body.on('error', () => {});
    return heldResponse(
      await readCapped(body, maxBytes),
      { status: statusCode, headers: responseHeaders(headers) },
      input,
    );
  }) as typeof fetch;
}

/** Closes the connection under an answer not read to its end; the abort it reports is expected. */
function drop(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => {});
  body.destroy();
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> | undefined {
  if (headers === undefined || headers === null) return undefined;
  if (headers instanceof Headers || Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}
