import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import { callTool, connectHttp, spawnHttpBin, spawnStdio, waitUntil } from '@refmcp/core/testing';
import { describe, expect, it, onTestFinished } from 'vitest';

/** The built binary, exactly as `npx @refmcp/server-filesystem` runs it. */
const BIN = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** A client that declares roots and answers roots/list with an empty list, as hosts do before a folder is open. */
function emptyRoots(client: Client) {
  client.registerCapabilities({ roots: { listChanged: true } });
  client.setRequestHandler('roots/list', async () => ({ roots: [] }));
}

/** What a user sees after connecting: the allowed directories, and whether a file in them reads. */
async function outcome(client: Client, file: string) {
  const listed = await callTool<{ directories: string[] }>(client, 'list_allowed_directories');
  const read = await callTool(client, 'read_text_file', { path: file });
  return { directories: listed.structured?.directories, read: read.isError ? read.text : 'ok' };
}

describe('a client that sends an empty roots list, to a server started with a directory', () => {
  async function makeRoot(): Promise<string> {
    const root = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-roots-')));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    await writeFile(path.join(root, 'notes.txt'), 'hello\n');
    return root;
  }

  const expected = (root: string) => ({ directories: [root], read: 'ok' });
  const logLine = /the client sent an empty roots list; the command-line directories apply/;

  it('keeps the command-line directory over stdio, and says so on stderr', async () => {
    const root = await makeRoot();
    const server = await spawnStdio({
      command: process.execPath,
      args: [BIN, root],
      beforeConnect: emptyRoots,
    });
    onTestFinished(() => server.close());
    expect(await outcome(server.client, path.join(root, 'notes.txt'))).toEqual(expected(root));
    expect(server.stderr()).toMatch(logLine);
  });

  it('keeps the command-line directory over HTTP (a 2025 session with its GET stream), and says so', async () => {
    const root = await makeRoot();
    const http = await spawnHttpBin({ command: process.execPath, args: [BIN, root] });
    onTestFinished(http.stop);
    const client = await connectHttp(http.url, 'legacy', { beforeConnect: emptyRoots });
    onTestFinished(() => client.close());
    // The roots request travels on the session's GET stream: judge once the server has the answer
    // (a request that never arrived would end in the timeout fallback and prove nothing).
    await waitUntil(
      () => /client sent an empty roots list|client roots applied/.test(http.stderr()),
      'roots',
    );
    expect(await outcome(client, path.join(root, 'notes.txt'))).toEqual(expected(root));
    expect(http.stderr()).toMatch(logLine);
  });
});
