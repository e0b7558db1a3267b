/**
 * The OAuth part of `pnpm demo` (`pnpm demo oauth` alone): the filesystem server over HTTP in
 * OAuth resource-server mode, a real authorization server (oidc-provider) on loopback, and the
 * SDK client's own OAuth support between them. The client discovers where to get a token,
 * registers itself, sends "alice" to sign in with PKCE for a token whose audience is our server,
 * reads, is refused a write with her read-only grant, steps up, and writes. Every call lands in
 * the audit log with her subject.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';
import {
  clientOptionsFor,
  freePort,
  jwtClaims,
  MemoryOAuthClient,
  spawnHttpBin,
  startAuthorizationServer,
} from '@refmcp/core/testing';

const BIN = fileURLToPath(new URL('../../servers/filesystem/dist/index.js', import.meta.url));
const READ = 'mcp:read';
const WRITE = 'mcp:write';

/** A port nobody uses now: the resource URL must be known before the server starts. */
/** `{ aud, scope, sub }` of a token, as one line. */
function describeToken(token) {
  const { aud, scope, sub } = jwtClaims(token);
  const typ = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()).typ;
  return `typ ${typ}, sub ${sub}, aud ${aud}, scope "${scope}"`;
}

/** @param {{ view: (result: unknown) => string }} helpers @returns {Promise<number>} failures */
async function run({ view }) {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-demo-oauth-')));
  const files = path.join(dir, 'files');
  const audit = path.join(dir, 'audit.jsonl');
  let as;
  let server;
  let client;
  const failures = [];
  const expect = (ok, what) => {
    if (!ok) failures.push(what);
    console.log(`    ${ok ? '✓' : '✗'} ${what}`);
  };
  try {
    await mkdir(files);
    await writeFile(path.join(files, 'plan.md'), '# Plan\n\n- ship the OAuth demo\n');
    const port = await freePort();
    const resource = `http://127.0.0.1:${port}/mcp`;
    as = await startAuthorizationServer({ resource, scopes: [READ, WRITE], consents: [READ] });
    server = await spawnHttpBin({
      command: process.execPath,
      args: [BIN, files, '--oauth-issuer', as.issuer, '--oauth-jwks-url', as.jwksUrl],
      env: {
        MCP_RESOURCE_URL: resource,
        MCP_OAUTH_REQUIRE_TYP: 'at+jwt',
        MCP_AUDIT_LOG: audit,
      },
      port,
    });
    console.log(
      `\noauth: refmcp-filesystem at ${resource}, tokens from oidc-provider at ${as.issuer}, era 2026-07-28`,
    );
    console.log(`  alice grants ${READ} at first, and ${WRITE} (the write tools) when asked again\n`);

    const oauth = new MemoryOAuthClient('refmcp demo');
    const connect = async () => {
      const transport = new StreamableHTTPClientTransport(server.url, { authProvider: oauth });
      // The 2026-07-28 era: no session, so a stepped-up token applies to the next request. (A
      // 2025-11-25 session keeps the grant it started with; such a client reconnects.)
      const next = new Client({ name: 'refmcp-demo', version: '0.0.0' }, clientOptionsFor('modern'));
      await next.connect(transport);
      return { next, transport };
    };

    console.log('→ connect without a token');
    const refused = await connect().then(
      () => undefined,
      (error) => error,
    );
    expect(refused instanceof UnauthorizedError, 'refused with 401; the client read our resource metadata');
    const first = oauth.authorizationUrls[0];
    console.log(`    registered as client ${oauth.info?.client_id} at ${as.issuer}/reg`);
    console.log(
      `    sent alice to ${first?.origin}${first?.pathname} (PKCE ${first?.searchParams.get('code_challenge_method')}, resource ${first?.searchParams.get('resource')})`,
    );
    await new StreamableHTTPClientTransport(server.url, { authProvider: oauth }).finishAuth(oauth.callback);
    console.log(`    token: ${describeToken(oauth.saved?.access_token ?? '')}`);

    console.log('→ connect with it, list the tools');
    const { next, transport } = await connect();
    client = next;
    const { tools } = await client.listTools();
    expect(
      tools.every((tool) => tool.annotations?.readOnlyHint === true),
      `${tools.length} tools, read-only ones only: ${tools.map((t) => t.name).join(', ')}`,
    );

    console.log('→ read_text_file {"path":"plan.md"}');
    const read = await client.callTool({ name: 'read_text_file', arguments: { path: 'plan.md' } });
    console.log(view(read));

    // She will agree to writing when asked; her first token still reads only.
    as.consents.add(WRITE);
    const write = { name: 'write_file', arguments: { path: 'done.md', content: 'Shipped.\n' } };
    console.log(`→ ${write.name} ${JSON.stringify(write.arguments)}`);
    const denied = await client.callTool(write).then(
      () => undefined,
      (error) => error,
    );
    const stepUp = oauth.authorizationUrls[1];
    expect(
      denied instanceof UnauthorizedError && stepUp !== undefined,
      `refused with 403 insufficient_scope; the client asked alice again, for "${stepUp?.searchParams.get('scope')}"`,
    );
    await transport.finishAuth(oauth.callback);
    console.log(`    she granted it; token: ${describeToken(oauth.saved?.access_token ?? '')}`);
    console.log(`→ ${write.name} again`);
    const wrote = await client.callTool(write);
    console.log(view(wrote));
    expect(
      !wrote.isError && (await readFile(path.join(files, 'done.md'), 'utf8')) === 'Shipped.\n',
      'the file is written',
    );

    console.log(`→ the audit log, ${audit}`);
    const lines = (await readFile(audit, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const done = lines.filter((line) => line.outcome !== undefined);
    for (const line of done) console.log(`    ${line.tool} by ${line.subject}: ${line.outcome}`);
    expect(
      done.map((line) => line.outcome).join() === 'ok,insufficient_scope,ok' &&
        done.every((line) => line.subject === 'sub:alice'),
      'every call is on record as hers, the refused one too',
    );
  } catch (error) {
    failures.push(String(error));
    console.error(`oauth: ${error instanceof Error ? error.message : String(error)}`);
    if (server) console.error(`server stderr:\n${server.stderr()}`);
  } finally {
    await client?.close().catch(() => {});
    await server?.stop();
    await as?.close();
    await rm(dir, { recursive: true, force: true });
  }
  return failures.length;
}

export default { name: 'oauth', run };
