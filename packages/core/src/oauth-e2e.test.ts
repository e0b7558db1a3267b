import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createMcpApp } from './app.js';
import { type AuditLog, openAuditLog } from './audit.js';
import { createLogger } from './logger.js';
import { createOAuthResourceServer, type OAuthResourceServer } from './oauth.js';
import { startAuthorizationServer, type TestAuthorizationServer } from './testing/authorization-server.js';
import { clientOptionsFor, type TestEra } from './testing/era.js';
import { startHttpForTest, type TestHttpServer } from './testing/index.js';
import { jwtClaims, MemoryOAuthClient } from './testing/oauth-client.js';
import { defineTool } from './tool.js';

// A real authorization server (oidc-provider) on loopback, our resource-server mode in front of
// a two-tool app, and the SDK client's own OAuth support in between: discovery (RFC 9728, 8414),
// dynamic client registration, the authorization-code flow with PKCE and resource indicators
// (RFC 8707), then a step-up from the read scope to the write scope.

const READ = 'tools:read';
const WRITE = 'tools:write';
const local = { destructiveHint: false, idempotentHint: true, openWorldHint: false };
const tool = (name: string, readOnlyHint: boolean) =>
  defineTool({
    name,
    title: name,
    description: name,
    inputSchema: z.object({}),
    outputSchema: z.object({ done: z.string() }),
    annotations: { ...local, readOnlyHint },
    handler: async () => ({ done: name }),
  });
const app = createMcpApp({
  name: 'oauth-e2e',
  version: '0',
  tools: [tool('read_note', true), tool('write_note', false)],
  deps: () => undefined,
  logger: createLogger({ name: 'oauth-e2e', level: 'silent' }),
});

let as: TestAuthorizationServer;
let issuer: string;
let mcp: TestHttpServer;
let resource: string;
let rs: OAuthResourceServer | undefined;
const dir = mkdtempSync(path.join(tmpdir(), 'oauth-e2e-'));
const auditFile = path.join(dir, 'audit.jsonl');
let audit: AuditLog;
/** What our resource server refused, as the client saw it. */
const refusals: Array<{ status: number; challenge: string }> = [];

beforeAll(async () => {
  mcp = await startHttpForTest(app, {
    authenticate: async (request) => {
      const outcome = await (rs as OAuthResourceServer).authenticate(request);
      if (outcome instanceof Response) {
        refusals.push({ status: outcome.status, challenge: outcome.headers.get('www-authenticate') ?? '' });
      }
      return outcome;
    },
    routes: (request, url) => rs?.routes(request, url),
    serve: { allowTool: (t, request) => (rs as OAuthResourceServer).allowTool(t, request) },
  });
  resource = mcp.url.href;

  as = await startAuthorizationServer({ resource, scopes: [READ, WRITE], consents: [READ] });
  issuer = as.issuer;

  audit = openAuditLog({ file: auditFile, server: 'e2e', redact: (line) => line });
  rs = createOAuthResourceServer({
    issuer,
    jwksUrl: as.jwksUrl,
    resourceUrl: resource,
    readScope: READ,
    writeScope: WRITE,
    requireTyp: 'at+jwt',
    tools: app.tools,
    resourceName: 'e2e',
    audit,
  });
});

afterAll(async () => {
  await mcp?.close();
  await as?.close();
  audit?.close();
  rmSync(dir, { recursive: true, force: true });
});

const connect = async (provider: MemoryOAuthClient, era: TestEra = 'modern') => {
  const transport = new StreamableHTTPClientTransport(mcp.url, { authProvider: provider });
  const client = new Client({ name: 'e2e', version: '0' }, clientOptionsFor(era));
  await client.connect(transport);
  return { client, transport };
};

describe.each(['modern', 'legacy'] as const)(
  'OAuth end to end: oidc-provider, our resource server, the SDK client (%s era)',
  (era) => {
    it('discovers, registers, authorizes with PKCE for the read scope, is refused the write tool, steps up and writes', async () => {
      const provider = new MemoryOAuthClient();
      as.consents.delete(WRITE);
      refusals.length = 0;

      // 1. No token: 401 → RFC 9728 metadata → AS metadata → registration → authorization (browser).
      await expect(connect(provider)).rejects.toBeInstanceOf(UnauthorizedError);
      expect(refusals[0]?.status).toBe(401);
      expect(refusals[0]?.challenge).toContain('resource_metadata=');
      expect(provider.info?.client_id).toBeTruthy();
      const first = provider.authorizationUrls[0];
      expect(first?.origin).toBe(issuer);
      expect(first?.searchParams.get('code_challenge_method')).toBe('S256');
      expect(first?.searchParams.get('resource')).toBe(resource);
      const callback = provider.callback as URLSearchParams;
      expect(callback.get('code')).toBeTruthy();

      // 2. The code for a token; the user consented to reading only.
      const pending = new StreamableHTTPClientTransport(mcp.url, { authProvider: provider });
      await pending.finishAuth(callback);
      const readToken = provider.saved?.access_token ?? '';
      expect(jwtClaims(readToken)).toMatchObject({ aud: resource, iss: issuer, scope: READ, sub: 'alice' });
      // Our server requires at+jwt: this passes only because oidc-provider marks its access tokens so.
      expect(JSON.parse(Buffer.from(readToken.split('.')[0] ?? '', 'base64url').toString()).typ).toBe(
        'at+jwt',
      );

      const { client, transport } = await connect(provider, era);
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['read_note']);
      expect((await client.callTool({ name: 'read_note', arguments: {} })).structuredContent).toEqual({
        done: 'read_note',
      });

      // 3. The write tool: 403 insufficient_scope → the SDK re-authorizes for read + write.
      as.consents.add(WRITE);
      refusals.length = 0;
      await expect(client.callTool({ name: 'write_note', arguments: {} })).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
      expect(refusals).toHaveLength(1);
      expect(refusals[0]?.status).toBe(403);
      expect(refusals[0]?.challenge).toMatch(/error="insufficient_scope"/);
      expect(refusals[0]?.challenge).toContain(`scope="${WRITE}"`);
      // Refused before any handler, and still on record, as hers.
      const records = readFileSync(auditFile, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(records.at(-1)).toMatchObject({
        event: 'end',
        tool: 'write_note',
        subject: 'sub:alice',
        outcome: 'insufficient_scope',
      });
      expect(records.at(-2)).toMatchObject({ event: 'start', tool: 'write_note', era });
      expect(provider.authorizationUrls).toHaveLength(2);
      const stepUp = provider.authorizationUrls[1];
      expect(stepUp?.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining([READ, WRITE]));
      expect(stepUp?.searchParams.get('client_id')).toBe(provider.info?.client_id);
      await transport.finishAuth(provider.callback as URLSearchParams);
      expect(
        String(jwtClaims(provider.saved?.access_token ?? '').scope)
          .split(' ')
          .sort(),
      ).toEqual([READ, WRITE]);

      // 4. Stepped up. A 2026-07-28 client writes on; a 2025-11-25 session was bound to the read
      // grant (its tool list was fixed by it), so that client starts a new session, which writes.
      let writer = client;
      if (era === 'legacy') {
        await expect(client.callTool({ name: 'write_note', arguments: {} })).rejects.toThrow(
          /Session not found/,
        );
        await client.close();
        writer = (await connect(provider, era)).client;
        expect((await writer.listTools()).tools.map((t) => t.name)).toEqual(['read_note', 'write_note']);
      }
      expect((await writer.callTool({ name: 'write_note', arguments: {} })).structuredContent).toEqual({
        done: 'write_note',
      });
      await writer.close();
    });
  },
);
