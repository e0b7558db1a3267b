import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LIST_LIMIT } from './resources.js';
import { type Fixture, makeFixture } from './test-helpers.js';

const url = (p: string) => pathToFileURL(p).href;

describe.each(['legacy', 'modern'] as const)('file resources (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('offers the file:// template', async () => {
    fx = await makeFixture(era);
    const { resourceTemplates } = await fx.client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      expect.objectContaining({ name: 'file', uriTemplate: 'file://{+path}' }),
    ]);
  });

  it('lists top-level files only, and no link that leads outside', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'notes.md'), '# hi');
    await writeFile(path.join(fx.root, 'with space.txt'), 'x');
    await mkdir(path.join(fx.root, 'sub'));
    await writeFile(path.join(fx.root, 'sub/deep.txt'), 'deep');
    await writeFile(path.join(fx.outside, 'secret.txt'), 'SECRET');
    await symlink(path.join(fx.outside, 'secret.txt'), path.join(fx.root, 'out-link'));
    await symlink(path.join(fx.root, 'notes.md'), path.join(fx.root, 'in-link.md'));
    const { resources } = await fx.client.listResources();
    expect(resources).toEqual([
      { uri: url(path.join(fx.root, 'in-link.md')), name: 'in-link.md', size: 4, mimeType: 'text/markdown' },
      { uri: url(path.join(fx.root, 'notes.md')), name: 'notes.md', size: 4, mimeType: 'text/markdown' },
      {
        uri: url(path.join(fx.root, 'with space.txt')),
        name: 'with space.txt',
        size: 1,
        mimeType: 'text/plain',
      },
    ]);
  });

  it(`caps the list at ${LIST_LIMIT} entries`, async () => {
    fx = await makeFixture(era);
    for (let i = 0; i < LIST_LIMIT + 5; i++) await writeFile(path.join(fx.root, `f${i}.txt`), '');
    const { resources } = await fx.client.listResources();
    expect(resources).toHaveLength(LIST_LIMIT);
  });

  it('reads text as text and other bytes as a base64 blob', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'a b.md'), 'héllo\n');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2]);
    await writeFile(path.join(fx.root, 'img.png'), png);
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    await writeFile(path.join(fx.root, 'old.txt'), latin1);

    const text = await fx.client.readResource({ uri: url(path.join(fx.root, 'a b.md')) });
    expect(text.contents).toEqual([
      { uri: url(path.join(fx.root, 'a b.md')), mimeType: 'text/markdown', text: 'héllo\n' },
    ]);
    const image = await fx.client.readResource({ uri: url(path.join(fx.root, 'img.png')) });
    expect(image.contents).toEqual([
      { uri: url(path.join(fx.root, 'img.png')), mimeType: 'image/png', blob: png.toString('base64') },
    ]);
    const bytes = await fx.client.readResource({ uri: url(path.join(fx.root, 'old.txt')) });
    expect(bytes.contents[0]).toMatchObject({ mimeType: 'text/plain', blob: latin1.toString('base64') });
  });

  it('reads a file below the top level by its URI', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'sub'));
    await writeFile(path.join(fx.root, 'sub/deep.json'), '{"a":1}');
    const out = await fx.client.readResource({ uri: url(path.join(fx.root, 'sub/deep.json')) });
    expect(out.contents[0]).toMatchObject({ mimeType: 'application/json', text: '{"a":1}' });
  });

  it('refuses a file over the size limit', async () => {
    fx = await makeFixture(era, { maxFileSize: 10 });
    await writeFile(path.join(fx.root, 'ten.txt'), 'x'.repeat(10));
    await writeFile(path.join(fx.root, 'big.txt'), 'x'.repeat(11));
    const ok = await fx.client.readResource({ uri: url(path.join(fx.root, 'ten.txt')) });
    expect(ok.contents[0]).toMatchObject({ text: 'x'.repeat(10) });
    await expect(fx.client.readResource({ uri: url(path.join(fx.root, 'big.txt')) })).rejects.toThrow(
      /11 bytes; resource reads return at most 10 \(--max-file-size\)/,
    );
  });

  it('refuses outside files, links out, traversal and malformed URIs', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'secret.txt'), 'SECRET');
    await symlink(path.join(fx.outside, 'secret.txt'), path.join(fx.root, 'link.txt'));
    await symlink(fx.outside, path.join(fx.root, 'escape'));
    const refused: Array<[string, RegExp]> = [
      [url(path.join(fx.outside, 'secret.txt')), /outside the allowed directories/],
      [url(path.join(fx.root, 'link.txt')), /outside the allowed directories/],
      [url(path.join(fx.root, 'escape/secret.txt')), /outside the allowed directories/],
      [`file://${fx.root}/../${path.basename(fx.outside)}/secret.txt`, /outside the allowed directories/],
      [`file://${fx.root}/a%00b`, /NUL byte/],
      [`file://${fx.root}/x%2F..%2F..%2Fetc`, /does not name a local file/],
      [`file://evil.example${fx.root}/a.txt`, /does not name a local file/],
    ];
    for (const [uri, message] of refused) {
      await expect(fx.client.readResource({ uri }), uri).rejects.toThrow(message);
    }
  });

  it('reports missing files, directories and special files as errors without hanging', async () => {
    fx = await makeFixture(era);
    await mkdir(path.join(fx.root, 'dir'));
    execFileSync('mkfifo', [path.join(fx.root, 'pipe')]);
    await expect(fx.client.readResource({ uri: url(path.join(fx.root, 'nope.txt')) })).rejects.toThrow(
      /does not exist/,
    );
    await expect(fx.client.readResource({ uri: url(path.join(fx.root, 'dir')) })).rejects.toThrow(
      /is a directory/,
    );
    await expect(fx.client.readResource({ uri: url(path.join(fx.root, 'pipe')) })).rejects.toThrow(
      /not a regular file/,
    );
  });
});
