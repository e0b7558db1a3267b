import type {
  OAuthClientProvider,
  OAuthDiscoveryState,
  StoredOAuthClientInformation,
  StoredOAuthTokens,
} from '@modelcontextprotocol/client';

const REDIRECT = 'http://localhost:5173/callback';

/**
 * The SDK client's OAuth side, kept in memory, with a cookie-keeping "browser" in place of a
 * person: `redirectToAuthorization` follows the authorization server's redirects through its
 * login and consent pages to our redirect URI and keeps the query (code, state, iss) in
 * `callback`, for `transport.finishAuth(client.callback)`. No page is rendered, so it works only
 * with pages that answer by redirect, as `startAuthorizationServer`'s do.
 */
export class MemoryOAuthClient implements OAuthClientProvider {
  info: StoredOAuthClientInformation | undefined;
  saved: StoredOAuthTokens | undefined;
  /** Where the last authorization ended: the redirect URI's query. */
  callback: URLSearchParams | undefined;
  /** Every authorization URL the SDK sent the "user" to, in order. */
  authorizationUrls: URL[] = [];
  private verifier = '';
  private discovery: OAuthDiscoveryState | undefined;
  private readonly cookies = new Map<string, string>();

  constructor(private readonly name = 'refmcp test client') {}

  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return {
      client_name: this.name,
      redirect_uris: [REDIRECT],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: StoredOAuthClientInformation) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: StoredOAuthTokens) {
    this.saved = tokens;
  }
  async redirectToAuthorization(url: URL) {
    this.authorizationUrls.push(url);
    this.callback = await this.browse(url);
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  saveDiscoveryState(state: OAuthDiscoveryState) {
    this.discovery = state;
  }
  discoveryState() {
    return this.discovery;
  }

  private async browse(start: URL): Promise<URLSearchParams> {
    let url = start;
    for (let hop = 0; hop < 10; hop++) {
      if (url.href.startsWith(REDIRECT)) return url.searchParams;
      const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await fetch(url, { redirect: 'manual', headers: { cookie } });
      for (const line of res.headers.getSetCookie()) this.keepCookie(line);
      const location = res.headers.get('location');
      if (!location)
        throw new Error(`the authorization server stopped at ${res.status}: ${await res.text()}`);
      await res.body?.cancel();
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  private keepCookie(line: string) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** A JWT's claims, unverified: for showing and asserting what a token says. */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
}
