import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Client } from '@modelcontextprotocol/client';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { intersectRoots, ROOTS_TIMEOUT_MS } from './roots.js';
import { type Fixture, makeFixture } from './test-helpers.js';

/** A client that answers roots/list from `roots` (read at request time) and announces changes. */
function withRoots(roots: { current: string[] }) {
  return (client: Client) => {
    client.registerCapabilities({ roots: { listChanged: true } });
    client.setRequestHandler('roots/list', async () => ({
      roots: roots.current.map((uri) => ({ uri, name: path.basename(uri) })),
    }));
  };
}

const uri = (p: string) => pathToFileURL(p).href;

async function allowed(client: Client): Promise<string[]> {
  const out = await callTool<{ directories: string[] }>(client, 'list_allowed_directories');
  return out.structured!.directories;
}

async function canRead(client: Client, p: string): Promise<boolean> {
  return !(await callTool(client, 'get_file_info', { path: p })).isError;
}

describe('client roots with directories on the command line (legacy era)', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('narrows to a root inside a configured directory', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    await mkdir(path.join(fx.root, 'project'));
    await writeFile(path.join(fx.root, 'project/in.txt'), 'in');
    await writeFile(path.join(fx.root, 'top.txt'), 'top');
    roots.current = [uri(path.join(fx.root, 'project'))];
    await fx.client.sendRootsListChanged();

    expect(await allowed(fx.client)).toEqual([path.join(fx.root, 'project')]);
    expect(await canRead(fx.client, path.join(fx.root, 'project/in.txt'))).toBe(true);
    expect(await canRead(fx.client, path.join(fx.root, 'top.txt'))).toBe(false);
    // Relative paths now start from the narrowed directory.
    expect(await canRead(fx.client, 'in.txt')).toBe(true);
  });

  it('never widens: a root outside gives nothing, a root around a directory gives only it', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    await writeFile(path.join(fx.outside, 'secret.txt'), 's');
    await writeFile(path.join(fx.root, 'in.txt'), 'in');

    roots.current = [uri(fx.outside)];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([]);
    expect(await canRead(fx.client, path.join(fx.outside, 'secret.txt'))).toBe(false);
    expect(await canRead(fx.client, path.join(fx.root, 'in.txt'))).toBe(false);

    // The temp dir holds both the sandbox and the outside dir: only the sandbox comes back.
    roots.current = [uri(path.dirname(fx.root))];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([fx.root]);
    expect(await canRead(fx.client, path.join(fx.root, 'in.txt'))).toBe(true);
    expect(await canRead(fx.client, path.join(fx.outside, 'secret.txt'))).toBe(false);
  });

  it('re-applies roots on every list_changed notice, and write tools follow them', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    for (const dir of ['a', 'b']) await mkdir(path.join(fx.root, dir));

    roots.current = [uri(path.join(fx.root, 'a'))];
    await fx.client.sendRootsListChanged();
    expect((await callTool(fx.client, 'write_file', { path: 'note.txt', content: 'x' })).isError).toBe(false);
    expect(await canRead(fx.client, path.join(fx.root, 'a/note.txt'))).toBe(true);

    roots.current = [uri(path.join(fx.root, 'b'))];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([path.join(fx.root, 'b')]);
    expect(await canRead(fx.client, path.join(fx.root, 'a/note.txt'))).toBe(false);
    const out = await callTool(fx.client, 'delete_path', { path: path.join(fx.root, 'a/note.txt') });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/outside the allowed directories/);
  });

  it('keeps the command-line directories when the client sends an empty list', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    await mkdir(path.join(fx.root, 'narrow'));
    await writeFile(path.join(fx.root, 'top.txt'), 'top');
    roots.current = [uri(path.join(fx.root, 'narrow'))];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([path.join(fx.root, 'narrow')]);

    // A host that closes its last folder sends an empty list: that names no place, so it never locks out.
    roots.current = [];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([fx.root]);
    expect(await canRead(fx.client, path.join(fx.root, 'top.txt'))).toBe(true);
  });

  it('says why nothing is accessible when every root is outside the command-line directories', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    roots.current = [uri(fx.outside)];
    await fx.client.sendRootsListChanged();
    const out = await callTool(fx.client, 'get_file_info', { path: 'x' });
    expect(out.isError).toBe(true);
    expect(out.text).toContain(
      `No directories are accessible.\nThe client's roots (1) are all outside the directories the server was started with (${fx.root}).`,
    );
  });

  it('ignores roots that do not exist, and resolves symlinked roots', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    await mkdir(path.join(fx.root, 'real'));
    await symlink(path.join(fx.root, 'real'), path.join(fx.root, 'link'));
    roots.current = [uri(path.join(fx.root, 'missing')), uri(path.join(fx.root, 'link'))];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([path.join(fx.root, 'real')]);
  });

  it('keeps the last narrowing when the client answers with an invalid roots list', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    await mkdir(path.join(fx.root, 'narrow'));
    roots.current = [uri(path.join(fx.root, 'narrow'))];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([path.join(fx.root, 'narrow')]);

    // Roots must be file:// URIs; a list breaking that is refused whole, and nothing widens.
    roots.current = ['https://example.com/repo', uri(fx.root)];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([path.join(fx.root, 'narrow')]);
  });

  it('a root that is a symlink to outside gives no access outside', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', {}, withRoots(roots));
    await writeFile(path.join(fx.outside, 'secret.txt'), 's');
    await symlink(fx.outside, path.join(fx.root, 'escape'));
    roots.current = [uri(path.join(fx.root, 'escape'))];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([]);
    expect(await canRead(fx.client, path.join(fx.outside, 'secret.txt'))).toBe(false);
  });
});

describe('client roots without directories on the command line (legacy era)', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('uses the roots as the sandbox', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('legacy', { allowedDirectories: [] }, withRoots(roots));
    await writeFile(path.join(fx.outside, 'f.txt'), 'f');
    roots.current = [uri(fx.outside)];
    await fx.client.sendRootsListChanged();
    expect(await allowed(fx.client)).toEqual([fx.outside]);
    expect(await canRead(fx.client, 'f.txt')).toBe(true);
    expect(await canRead(fx.client, fx.root)).toBe(false);
  });

  it('applies the roots sent at connect before the first call', async () => {
    const early = await realpath(await mkdtemp(path.join(tmpdir(), 'refmcp-root-')));
    try {
      await writeFile(path.join(early, 'f.txt'), 'f');
      fx = await makeFixture('legacy', { allowedDirectories: [] }, withRoots({ current: [uri(early)] }));
      expect(await canRead(fx.client, 'f.txt')).toBe(true);
      expect(await allowed(fx.client)).toEqual([early]);
    } finally {
      await rm(early, { recursive: true, force: true });
    }
  });

  it('gives no access to a client without roots', async () => {
    fx = await makeFixture('legacy', { allowedDirectories: [] });
    expect(await allowed(fx.client)).toEqual([]);
    const out = await callTool(fx.client, 'get_file_info', { path: fx.root });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/No directories are accessible/);
  });
});

describe('a client that declares roots but never answers', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('gets its calls answered after a bounded wait, with the command-line directories', async () => {
    fx = await makeFixture('legacy', {}, (client) => {
      client.registerCapabilities({ roots: { listChanged: true } });
      // Like an HTTP session without its GET stream: the request never reaches anyone who answers.
      client.setRequestHandler('roots/list', () => new Promise(() => {}));
    });
    // Answered at all: a wait without end would run into the test's timeout.
    const started = Date.now();
    expect(await allowed(fx.client)).toEqual([fx.root]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(ROOTS_TIMEOUT_MS - 50);
  });
});

describe('client roots in the stateless era', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('keeps the configured directories: the server cannot ask for roots there', async () => {
    const roots = { current: [] as string[] };
    fx = await makeFixture('modern', {}, withRoots(roots));
    roots.current = [uri(fx.outside)];
    expect(await allowed(fx.client)).toEqual([fx.root]);
  });
});

describe('intersectRoots', () => {
  it('keeps roots inside configured directories and configured directories inside roots', () => {
    expect(intersectRoots(['/data/app'], ['/data/app/src', '/data/apple', '/data'])).toEqual([
      '/data/app/src',
      '/data/app',
    ]);
    expect(intersectRoots([], ['/x', '/x'])).toEqual(['/x']);
    expect(intersectRoots(['/data'], [])).toEqual([]);
  });
});
