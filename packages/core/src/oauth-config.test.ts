import { describe, expect, it } from 'vitest';
import { commonOptions, parseCli } from './config.js';
import { ConfigError } from './errors.js';
import { oauthConfigFrom } from './oauth-config.js';

const spec = { name: 'x', version: '0', summary: 's', usage: '', options: commonOptions };
const FULL = [
  '--oauth-issuer',
  'https://auth.example.com',
  '--oauth-jwks-url',
  'https://auth.example.com/jwks.json',
  '--resource-url',
  'https://mcp.example.com/mcp',
];

function configFor(argv: string[], env: Record<string, string> = {}) {
  const parsed = parseCli(spec, argv, env);
  if (parsed.kind !== 'run') throw new Error('expected run');
  return oauthConfigFrom(parsed.options, env);
}

describe('OAuth configuration', () => {
  it('is off without OAuth flags, even though the scopes have defaults', () => {
    expect(configFor([])).toBeUndefined();
  });

  it('reads flags or environment, with default scopes', () => {
    const fromEnv = configFor([], {
      MCP_OAUTH_ISSUER: 'https://auth.example.com',
      MCP_OAUTH_JWKS_URL: 'https://auth.example.com/jwks.json',
      MCP_RESOURCE_URL: 'https://mcp.example.com/mcp',
    });
    expect(fromEnv).toEqual({
      issuer: 'https://auth.example.com',
      jwksUrl: new URL('https://auth.example.com/jwks.json'),
      resourceUrl: 'https://mcp.example.com/mcp',
      readScope: 'mcp:read',
      writeScope: 'mcp:write',
    });
    expect(
      configFor([...FULL, '--oauth-read-scope', 'files:read', '--oauth-write-scope', 'files:write']),
    ).toMatchObject({ readScope: 'files:read', writeScope: 'files:write' });
  });

  it('reads the required token type from the flag or MCP_OAUTH_REQUIRE_TYP, and refuses a malformed one', () => {
    expect(configFor(FULL)?.requireTyp).toBeUndefined();
    expect(configFor([...FULL, '--oauth-require-typ', 'at+jwt'])?.requireTyp).toBe('at+jwt');
    expect(configFor(FULL, { MCP_OAUTH_REQUIRE_TYP: 'application/at+jwt' })?.requireTyp).toBe(
      'application/at+jwt',
    );
    expect(() => configFor([...FULL, '--oauth-require-typ', 'at jwt'])).toThrow(/media type such as at\+jwt/);
  });

  it.each([
    [
      '--oauth-issuer',
      ['--oauth-jwks-url', 'https://a.example/jwks', '--resource-url', 'https://m.example/mcp'],
    ],
    ['--oauth-jwks-url', ['--oauth-issuer', 'https://a.example', '--resource-url', 'https://m.example/mcp']],
    ['--resource-url', ['--oauth-issuer', 'https://a.example', '--oauth-jwks-url', 'https://a.example/jwks']],
  ])('names the missing %s', (flag, argv) => {
    expect(() => configFor(argv)).toThrow(ConfigError);
    expect(() => configFor(argv)).toThrow(new RegExp(`needs ${flag} `));
  });

  describe('token introspection', () => {
    const ISSUER_AND_RESOURCE = [
      '--oauth-issuer',
      'https://auth.example.com',
      '--resource-url',
      'https://mcp.example.com/mcp',
    ];
    const INTROSPECTION = [
      '--oauth-introspection-url',
      'https://auth.example.com/introspect',
      '--oauth-client-id',
      'mcp-rs',
    ];
    const SECRET = { MCP_OAUTH_CLIENT_SECRET: 'rs-secret-value-42' };

    it('replaces or complements the JWKS, with the client secret from the environment only', () => {
      const opaqueOnly = configFor([...ISSUER_AND_RESOURCE, ...INTROSPECTION], SECRET);
      expect(opaqueOnly?.jwksUrl).toBeUndefined();
      expect(opaqueOnly?.introspection).toEqual({
        url: new URL('https://auth.example.com/introspect'),
        clientId: 'mcp-rs',
        clientSecret: 'rs-secret-value-42',
        always: false,
      });
      const both = configFor([...FULL, ...INTROSPECTION, '--oauth-introspect', 'always'], SECRET);
      expect(both?.jwksUrl?.href).toBe('https://auth.example.com/jwks.json');
      expect(both?.introspection?.always).toBe(true);
      const fromEnv = configFor([], {
        ...SECRET,
        MCP_OAUTH_ISSUER: 'https://auth.example.com',
        MCP_RESOURCE_URL: 'https://mcp.example.com/mcp',
        MCP_OAUTH_INTROSPECTION_URL: 'http://127.0.0.1:9000/introspect',
        MCP_OAUTH_CLIENT_ID: 'mcp-rs',
      });
      expect(fromEnv?.introspection?.url.port).toBe('9000');
    });

    it('names what is missing, never the secret', () => {
      expect(() => configFor(ISSUER_AND_RESOURCE)).toThrow(
        /needs --oauth-jwks-url .* or --oauth-introspection-url/,
      );
      expect(() => configFor([...ISSUER_AND_RESOURCE, ...INTROSPECTION])).toThrow(
        /MCP_OAUTH_CLIENT_SECRET environment variable/,
      );
      expect(() => configFor([...ISSUER_AND_RESOURCE, ...INTROSPECTION.slice(0, 2)], SECRET)).toThrow(
        /--oauth-client-id/,
      );
      expect(() => configFor([...FULL, '--oauth-client-id', 'mcp-rs'], SECRET)).toThrow(
        /--oauth-client-id needs --oauth-introspection-url/,
      );
      expect(() => configFor([...FULL, '--oauth-introspect', 'always'])).toThrow(
        /always needs --oauth-introspection-url/,
      );
      expect(() =>
        configFor(
          [
            ...ISSUER_AND_RESOURCE,
            '--oauth-introspection-url',
            'http://auth.example.com/i',
            '--oauth-client-id',
            'x',
          ],
          SECRET,
        ),
      ).toThrow(/https/);
      try {
        configFor(
          [
            ...ISSUER_AND_RESOURCE,
            '--oauth-introspection-url',
            'http://auth.example.com/i',
            '--oauth-client-id',
            'x',
          ],
          SECRET,
        );
      } catch (error) {
        expect((error as Error).message).not.toContain(SECRET.MCP_OAUTH_CLIENT_SECRET);
      }
    });
  });

  it('refuses a static token together with OAuth', () => {
    expect(() => configFor([...FULL, '--auth-token', 'secret-value-123'])).toThrow(
      /--auth-token and the --oauth/,
    );
    expect(() => configFor([...FULL, '--auth-token', 'secret-value-123'])).not.toThrow(/secret-value-123/);
  });

  it('refuses plain-http URLs except on loopback, fragments in the resource, and scopes with spaces', () => {
    const replace = (flag: string, value: string) => FULL.map((v, i) => (FULL[i - 1] === flag ? value : v));
    expect(() => configFor(replace('--oauth-jwks-url', 'http://auth.example.com/jwks.json'))).toThrow(
      /https/,
    );
    expect(() => configFor(replace('--oauth-issuer', 'http://auth.example.com'))).toThrow(/https/);
    expect(() => configFor(replace('--resource-url', 'http://mcp.example.com/mcp'))).toThrow(/https/);
    expect(() => configFor(replace('--resource-url', 'https://mcp.example.com/mcp#x'))).toThrow(/fragment/);
    expect(() => configFor(replace('--resource-url', 'mcp.example.com/mcp'))).toThrow(/absolute URL/);
    expect(() => configFor([...FULL, '--oauth-write-scope', 'a b'])).toThrow(/single OAuth scope/);
    expect(configFor(replace('--oauth-jwks-url', 'http://127.0.0.1:8080/jwks'))?.jwksUrl?.port).toBe('8080');
    expect(configFor(replace('--resource-url', 'http://localhost:3000/mcp'))?.resourceUrl).toBe(
      'http://localhost:3000/mcp',
    );
  });
});
