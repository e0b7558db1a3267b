import { mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { type Fixture, makeFixture } from './test-helpers.js';
import { catalog } from './tools/index.js';

/**
 * Escape attempts against every tool and the resources, in both eras. Outside content carries
 * markers that never appear in any input, so finding one in a reply means it leaked.
 */
const SECRET = 'TOPSECRET';
const SECRET_B64 = Buffer.from(SECRET).toString('base64');
const LEAK_NAME = 'LEAKNAME';

interface Planted {
  fx: Fixture;
  /** Sibling of the sandbox whose name extends the sandbox's name. */
  evil: string;
  /** Everything outside, name -> content, to prove nothing changed. */
  snapshot(): Promise<string>;
  /** Puts the planted symlinks back, since moving or deleting a link itself is allowed. */
  relink(): Promise<void>;
}

async function plant(fx: Fixture): Promise<Planted> {
  const evil = `${fx.root}-evil`;
  await mkdir(evil);
  for (const dir of [fx.outside, evil]) {
    await writeFile(path.join(dir, 'secret.png'), SECRET);
    await writeFile(path.join(dir, `listing-${LEAK_NAME}.txt`), SECRET);
  }
  await writeFile(path.join(fx.root, 'in.txt'), 'inside');
  await mkdir(path.join(fx.root, 'sub'));
  const relink = async () => {
    await rm(path.join(fx.root, 'loot'), { recursive: true, force: true });
    await rm(path.join(fx.root, 'loot.png'), { force: true });
    const links: Array<[string, string]> = [
      ['link-file', path.join(fx.outside, 'secret.png')],
      ['link-dir', fx.outside],
      ['dangling', path.join(fx.outside, 'not-yet.txt')],
      ['dangling-dir', path.join(fx.outside, 'later')],
    ];
    for (const [name, target] of links) {
      await rm(path.join(fx.root, name), { force: true });
      await symlink(target, path.join(fx.root, name));
    }
  };
  await relink();
  const snapshot = async () => {
    const parts: string[] = [];
    for (const dir of [fx.outside, evil]) {
      for (const name of (await readdir(dir)).sort()) {
        parts.push(`${dir}/${name}=${await readFile(path.join(dir, name), 'utf8').catch(() => '<dir>')}`);
      }
    }
    return parts.join('\n');
  };
  return { fx, evil, snapshot, relink };
}

const fileAttacks = ({ fx, evil }: Planted): Array<[string, string]> => [
  ['absolute path outside', path.join(fx.outside, 'secret.png')],
  ['.. traversal', `../${path.basename(fx.outside)}/secret.png`],
  ['.. after a subdirectory', `sub/../../${path.basename(fx.outside)}/secret.png`],
  ['symlink to a file outside', 'link-file'],
  ['path through a symlinked directory', 'link-dir/secret.png'],
  ['sibling sharing the name prefix', path.join(evil, 'secret.png')],
  ['NUL byte', `in.txt\0../../${path.basename(fx.outside)}/secret.png`],
];

const dirAttacks = ({ fx, evil }: Planted): Array<[string, string]> => [
  ['absolute path outside', fx.outside],
  ['.. traversal', `../${path.basename(fx.outside)}`],
  ['symlinked directory', 'link-dir'],
  ['sibling sharing the name prefix', evil],
  ['NUL byte', `sub\0`],
];

const newPathAttacks = ({ fx, evil }: Planted): Array<[string, string]> => [
  ['absolute path outside', path.join(fx.outside, 'new.txt')],
  ['.. traversal', `../${path.basename(fx.outside)}/new.txt`],
  ['new file in a symlinked directory', 'link-dir/new.txt'],
  ['deep new path in a symlinked directory', 'link-dir/a/b/new.txt'],
  ['dangling symlink', 'dangling'],
  ['below a dangling symlinked directory', 'dangling-dir/new.txt'],
  ['sibling sharing the name prefix', path.join(evil, 'new.txt')],
  ['NUL byte', 'new.txt\0'],
];

type Args = (p: string) => Record<string, unknown>;
const onPath: Args = (p) => ({ path: p });

/** Tools taking a file to read or change, by name. Only those the server registers are probed. */
const FILE_TOOLS: Record<string, Args> = {
  read_text_file: onPath,
  read_media_file: onPath,
  read_multiple_files: (p) => ({ paths: [p] }),
  get_file_info: onPath,
  edit_file: (p) => ({ path: p, edits: [{ oldText: SECRET, newText: 'pwned' }] }),
  write_file: (p) => ({ path: p, content: 'pwned' }),
  delete_path: onPath,
  'copy_path (source)': (p) => ({ source: p, destination: 'loot.png' }),
  'move_file (source)': (p) => ({ source: p, destination: 'loot.png' }),
};

const DIR_TOOLS: Record<string, Args> = {
  list_directory: onPath,
  list_directory_with_sizes: onPath,
  directory_tree: onPath,
  search_files: (p) => ({ path: p, pattern: '*' }),
  search_content: (p) => ({ path: p, pattern: 'TOP.ECRET' }),
  delete_path: (p) => ({ path: p, recursive: true }),
  'copy_path (source)': (p) => ({ source: p, destination: 'loot', recursive: true }),
  'move_file (source)': (p) => ({ source: p, destination: 'loot' }),
};

const NEW_PATH_TOOLS: Record<string, Args> = {
  write_file: (p) => ({ path: p, content: 'pwned' }),
  create_directory: onPath,
  'copy_path (destination)': (p) => ({ source: 'in.txt', destination: p }),
  'move_file (destination)': (p) => ({ source: 'in.txt', destination: p }),
};

const WALKERS = [
  'list_directory',
  'list_directory_with_sizes',
  'directory_tree',
  'search_files',
  'search_content',
];

const LINK_ITSELF = new Set(['delete_path', 'move_file (source)']);

const WRITE_TOOLS = [
  'write_file',
  'edit_file',
  'create_directory',
  'move_file',
  'copy_path',
  'delete_path',
  'zip_files',
  'zip_directory',
  'unzip_file',
];

function expectNoLeak(reply: unknown, what: string): void {
  const text = JSON.stringify(reply);
  expect(text, what).not.toContain(SECRET);
  expect(text, what).not.toContain(SECRET_B64);
  expect(text, what).not.toContain(LEAK_NAME);
}

describe.each(['legacy', 'modern'] as const)('sandbox escapes (%s)', (era) => {
  let planted: Planted;

  async function setup() {
    const fx = await makeFixture(era);
    // Registered before planting, so a failure half-way still removes both (the sibling first).
    onTestFinished(() => fx.close());
    onTestFinished(() => rm(`${fx.root}-evil`, { recursive: true, force: true }));
    planted = await plant(fx);
    const { tools } = await planted.fx.client.listTools();
    const registered = new Set(tools.map((t) => t.name));
    return { ...planted, registered, before: await planted.snapshot() };
  }

  async function probe(
    table: Record<string, Args>,
    attacks: Array<[string, string]>,
    registered: Set<string>,
  ) {
    let calls = 0;
    for (const [label, args] of Object.entries(table)) {
      const tool = label.split(' ')[0]!;
      if (!registered.has(tool)) continue;
      for (const [attack, p] of attacks) {
        await planted.relink();
        const out = await callTool(planted.fx.client, tool, args(p));
        const what = `${label} with ${attack}`;
        expectNoLeak(out.raw, what);
        calls++;
        // Moving or deleting a symlink acts on the link, never its target: allowed, and the
        // snapshot taken at the end proves the target was left alone.
        if (LINK_ITSELF.has(label) && attack.startsWith('symlink')) continue;
        // read_multiple_files reports per file; every other tool refuses the whole call.
        if (tool !== 'read_multiple_files') expect(out.isError, what).toBe(true);
        else expect(out.text, what).toMatch(/\[error\]/);
      }
    }
    return calls;
  }

  it('no file tool reads, changes or reveals a file outside', async () => {
    const { registered, before } = await setup();
    expect(await probe(FILE_TOOLS, fileAttacks(planted), registered)).toBeGreaterThan(30);
    expect(await planted.snapshot()).toBe(before);
  });

  it('no directory tool lists, searches, copies or deletes a directory outside', async () => {
    const { registered, before } = await setup();
    expect(await probe(DIR_TOOLS, dirAttacks(planted), registered)).toBeGreaterThan(10);
    expect(await planted.snapshot()).toBe(before);
  });

  it('no tool creates anything outside, including through dangling symlinks', async () => {
    const { registered, before } = await setup();
    expect(await probe(NEW_PATH_TOOLS, newPathAttacks(planted), registered)).toBeGreaterThan(20);
    expect(await planted.snapshot()).toBe(before);
    await expect(stat(path.join(planted.fx.outside, 'later'))).rejects.toThrow();
    expect(await readFile(path.join(planted.fx.root, 'in.txt'), 'utf8')).toBe('inside');
  });

  it('walking the sandbox never follows a symlink out', async () => {
    const { registered } = await setup();
    for (const [tool, args] of Object.entries(DIR_TOOLS)) {
      if (!registered.has(tool) || !WALKERS.includes(tool)) continue;
      const out = await callTool(planted.fx.client, tool, args('.'));
      expect(out.isError, tool).toBe(false);
      expectNoLeak(out.raw, `${tool} on the sandbox root`);
    }
  });

  it('resources refuse outside files and do not list links out', async () => {
    const { fx } = await setup();
    for (const [attack, p] of fileAttacks(planted)) {
      if (attack === 'NUL byte' || !path.isAbsolute(p)) continue;
      await expect(fx.client.readResource({ uri: pathToFileURL(p).href }), attack).rejects.toThrow();
    }
    for (const p of ['link-file', 'link-dir/secret.png']) {
      const uri = pathToFileURL(path.join(fx.root, p)).href;
      await expect(fx.client.readResource({ uri }), p).rejects.toThrow(/outside the allowed directories/);
    }
    const { resources } = await fx.client.listResources();
    expect(resources.map((r) => r.name)).toEqual(['in.txt']);
  });
});

describe('read-only mode', () => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('registers no tool that writes, and every tool it registers says so', async () => {
    fx = await makeFixture('legacy', { readOnly: true });
    const { tools } = await fx.client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    expect(tools.map((t) => t.name).filter((name) => WRITE_TOOLS.includes(name))).toEqual([]);
    for (const tool of tools) {
      // Listed compactly: a read-only tool's destructive and idempotent hints carry nothing.
      expect(tool.annotations, tool.name).toEqual({ readOnlyHint: true, openWorldHint: false });
    }
    await writeFile(path.join(fx.root, 'keep.txt'), 'keep');
    // The model is told why, and what a user changes to allow it, not that the tool does not exist.
    await expect(callTool(fx.client, 'delete_path', { path: 'keep.txt' })).rejects.toThrow(
      'Tool delete_path is not offered: the server runs in read-only mode (--read-only or FS_READ_ONLY); restart it without that to allow changes.',
    );
    expect(await readFile(path.join(fx.root, 'keep.txt'), 'utf8')).toBe('keep');
  });

  it('every tool sets all four annotation hints, and lists every hint that means something', async () => {
    const four = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;
    for (const tool of catalog) {
      for (const hint of four) expect(typeof tool.annotations[hint], `${tool.name}.${hint}`).toBe('boolean');
    }
    fx = await makeFixture('legacy');
    const { tools } = await fx.client.listTools();
    expect(tools).toHaveLength(catalog.length);
    for (const tool of tools) {
      const hints = tool.annotations ?? {};
      const writes = WRITE_TOOLS.includes(tool.name);
      expect(hints.readOnlyHint, tool.name).toBe(!writes);
      // Nothing here reaches beyond the allowed directories.
      expect(hints.openWorldHint, tool.name).toBe(false);
      // Hosts decide what to ask the user from a write tool's hints: all of them are listed.
      if (writes) for (const hint of four) expect(typeof hints[hint], `${tool.name}.${hint}`).toBe('boolean');
    }
  });
});
