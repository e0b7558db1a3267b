import { mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

interface EditOut {
  path: string;
  diff: string;
  applied: boolean;
  replacements: number;
}

type Edit = { oldText: string; newText: string };
const edit = (fx: Fixture, file: string, edits: Edit[], extra: Record<string, unknown> = {}) =>
  callTool<EditOut>(fx.client, 'edit_file', { path: file, edits, ...extra });

describe.each(['legacy', 'modern'] as const)('edit_file (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());
  const file = (name: string) => path.join(fx.root, name);

  it('replaces a unique match and returns a unified diff', async () => {
    fx = await makeFixture(era);
    await mkdir(file('src'));
    await writeFile(file('src/a.txt'), 'l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\n');
    const out = await edit(fx, 'src/a.txt', [{ oldText: 'l5', newText: 'five' }]);
    expect(out.isError).toBe(false);
    const diff =
      '--- a/src/a.txt\n+++ b/src/a.txt\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+five\n l6\n l7\n l8\n';
    expect(out.structured).toEqual({ path: file('src/a.txt'), diff, applied: true, replacements: 1 });
    expect(out.text).toBe(`Edited ${file('src/a.txt')}: 1 replacement.\n${diff}`);
    expect(await readFile(file('src/a.txt'), 'utf8')).toBe('l1\nl2\nl3\nl4\nfive\nl6\nl7\nl8\n');
  });

  it('dryRun writes nothing and shows the same diff a real run applies', async () => {
    fx = await makeFixture(era);
    await writeFile(file('a.txt'), 'alpha\nbeta\ngamma\n');
    const mtime = (await stat(file('a.txt'))).mtimeMs;
    const edits = [{ oldText: 'beta', newText: 'BETA\nextra' }];
    const dry = await edit(fx, 'a.txt', edits, { dryRun: true });
    expect(dry.structured).toMatchObject({ applied: false, replacements: 1 });
    expect(dry.structured?.diff).toBe(
      '--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,4 @@\n alpha\n-beta\n+BETA\n+extra\n gamma\n',
    );
    expect(dry.text).toMatch(/^Dry run: 1 replacement in .*; nothing written\./);
    expect(await readFile(file('a.txt'), 'utf8')).toBe('alpha\nbeta\ngamma\n');
    expect((await stat(file('a.txt'))).mtimeMs).toBe(mtime);
    const real = await edit(fx, 'a.txt', edits);
    expect(real.structured?.diff).toBe(dry.structured?.diff);
    expect(await readFile(file('a.txt'), 'utf8')).toBe('alpha\nBETA\nextra\ngamma\n');
  });

  it('applies edits in order, each seeing the previous result', async () => {
    fx = await makeFixture(era);
    await writeFile(file('a.txt'), 'const x = 1;\n');
    const out = await edit(fx, 'a.txt', [
      { oldText: 'x = 1', newText: 'y = 1' },
      { oldText: 'const y', newText: 'let y' },
    ]);
    expect(out.structured).toMatchObject({ applied: true, replacements: 2 });
    expect(await readFile(file('a.txt'), 'utf8')).toBe('let y = 1;\n');
  });

  it('refuses an ambiguous match, writes none of the edits, and suggests replaceAll', async () => {
    fx = await makeFixture(era);
    const original = 'a = 1\nfoo()\nb = 2\nfoo()\n';
    await writeFile(file('a.txt'), original);
    const out = await edit(fx, 'a.txt', [
      { oldText: 'a = 1', newText: 'a = 100' },
      { oldText: 'foo()', newText: 'bar()' },
    ]);
    expect(out.isError).toBe(true);
    expect(out.text).toContain(
      'Edit 2 of 2 (after the earlier ones): oldText matches 2 places in a.txt (lines 2, 4)',
    );
    expect(out.text).toContain('No changes were written');
    expect(out.text).toContain('replaceAll: true');
    expect(await readFile(file('a.txt'), 'utf8')).toBe(original);
  });

  it('replaceAll replaces every match and counts them', async () => {
    fx = await makeFixture(era);
    await writeFile(file('a.txt'), 'foo()\nfoo()\nx\nfoo()\n');
    const out = await edit(fx, 'a.txt', [{ oldText: 'foo()', newText: 'bar()' }], { replaceAll: true });
    expect(out.structured).toMatchObject({ applied: true, replacements: 3 });
    expect(await readFile(file('a.txt'), 'utf8')).toBe('bar()\nbar()\nx\nbar()\n');
  });

  it('says when oldText is missing and points at the closest line', async () => {
    fx = await makeFixture(era);
    const original = 'function start() {\n  return computeTotal(items, tax);\n}\n';
    await writeFile(file('a.txt'), original);
    const out = await edit(fx, 'a.txt', [{ oldText: 'return computeTotals(items, tax)', newText: 'x' }]);
    expect(out.isError).toBe(true);
    expect(out.text).toContain('The edit: oldText was not found in a.txt');
    expect(out.text).toContain('Closest line is 2: "  return computeTotal(items, tax);"');
    expect(await readFile(file('a.txt'), 'utf8')).toBe(original);
  });

  it('matches lines ignoring indentation and re-indents newText', async () => {
    fx = await makeFixture(era);
    await writeFile(file('a.py'), 'def f():\n    if x:\n        run()\n    done()\n');
    const out = await edit(fx, 'a.py', [
      { oldText: 'if x:\n    run()\n', newText: 'if y:\n    run()\n    log()\n' },
    ]);
    expect(out.isError).toBe(false);
    expect(await readFile(file('a.py'), 'utf8')).toBe(
      'def f():\n    if y:\n        run()\n        log()\n    done()\n',
    );
    expect(out.structured?.diff).toContain('-    if x:\n+    if y:\n         run()\n+        log()\n');
  });

  it('refuses an indentation-tolerant match that is ambiguous', async () => {
    fx = await makeFixture(era);
    const original = '  go()\n    go()\n';
    await writeFile(file('a.txt'), original);
    // No exact match (tab, trailing space), but two lines match ignoring whitespace.
    const loose = await edit(fx, 'a.txt', [{ oldText: '\tgo() ', newText: 'stop()' }]);
    expect(loose.isError).toBe(true);
    expect(loose.text).toContain('(ignoring indentation): oldText matches 2 places');
    expect(await readFile(file('a.txt'), 'utf8')).toBe(original);
  });

  it('keeps CRLF line endings and a BOM byte for byte', async () => {
    fx = await makeFixture(era);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    await writeFile(file('w.txt'), Buffer.concat([bom, Buffer.from('one\r\ntwo\r\nthree\r\n')]));
    // Written with LF, as models do.
    const out = await edit(fx, 'w.txt', [{ oldText: 'one\ntwo\n', newText: 'one\n2\n' }]);
    expect(out.isError).toBe(false);
    expect(out.structured?.diff).toBe('--- a/w.txt\n+++ b/w.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+2\n three\n');
    const expected = Buffer.concat([bom, Buffer.from('one\r\n2\r\nthree\r\n')]);
    expect((await readFile(file('w.txt'))).equals(expected)).toBe(true);
    // Written with CRLF works the same.
    await edit(fx, 'w.txt', [{ oldText: '2\r\nthree', newText: 'two\r\nthree' }]);
    expect(
      (await readFile(file('w.txt'))).equals(Buffer.concat([bom, Buffer.from('one\r\ntwo\r\nthree\r\n')])),
    ).toBe(true);
  });

  it('leaves other line endings alone in a file that mixes them', async () => {
    fx = await makeFixture(era);
    await writeFile(file('m.txt'), 'a\r\nb\nc\r\n');
    const out = await edit(fx, 'm.txt', [{ oldText: 'b', newText: 'B' }]);
    expect(out.isError).toBe(false);
    expect(await readFile(file('m.txt'), 'utf8')).toBe('a\r\nB\nc\r\n');
  });

  it('reports no change when the edit changes nothing, and does not write', async () => {
    fx = await makeFixture(era);
    await writeFile(file('a.txt'), 'same\n');
    const out = await edit(fx, 'a.txt', [{ oldText: 'same', newText: 'same' }]);
    expect(out.structured).toMatchObject({ diff: '', applied: false, replacements: 1 });
    expect(out.text).toContain('No changes');
  });

  it('refuses to edit through a symlink that leads outside, leaving the target alone', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'victim.txt'), 'keep me\n');
    await symlink(path.join(fx.outside, 'victim.txt'), file('link.txt'));
    const out = await edit(fx, 'link.txt', [{ oldText: 'keep', newText: 'lost' }]);
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/outside the allowed directories/);
    expect(await readFile(path.join(fx.outside, 'victim.txt'), 'utf8')).toBe('keep me\n');
  });

  it('refuses files it would corrupt: invalid UTF-8 and binary', async () => {
    fx = await makeFixture(era);
    const latin1 = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' menu\n')]);
    await writeFile(file('l.txt'), latin1);
    const out = await edit(fx, 'l.txt', [{ oldText: 'menu', newText: 'carte' }]);
    expect(out.isError).toBe(true);
    expect(out.text).toContain('not valid UTF-8');
    expect((await readFile(file('l.txt'))).equals(latin1)).toBe(true);
    await writeFile(file('b.bin'), Buffer.from([0x61, 0x00, 0x62]));
    expect((await edit(fx, 'b.bin', [{ oldText: 'a', newText: 'c' }])).text).toContain('binary');
  });

  it('refuses an empty oldText, a missing file and a file over the size limit', async () => {
    fx = await makeFixture(era, { maxFileSize: 12 });
    await writeFile(file('a.txt'), 'short\n');
    expect((await edit(fx, 'a.txt', [{ oldText: '', newText: 'x' }])).text).toContain('empty oldText');
    expect((await edit(fx, 'nope.txt', [{ oldText: 'a', newText: 'b' }])).text).toContain('does not exist');
    const grow = await edit(fx, 'a.txt', [{ oldText: 'short', newText: 'much longer now' }]);
    expect(grow.text).toContain('a.txt would be 16 bytes, over the 12-byte file-size cap (--max-file-size)');
    expect(await readFile(file('a.txt'), 'utf8')).toBe('short\n');
  });
});
