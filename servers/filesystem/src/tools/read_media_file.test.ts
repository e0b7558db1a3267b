import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { callTool } from '@refmcp/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fixture, makeFixture } from '../test-helpers.js';

// 1x1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

type Block = { type: string; data?: string; mimeType?: string; text?: string };
const blocks = (raw: { content?: unknown }) => (raw.content ?? []) as Block[];

describe.each(['legacy', 'modern'] as const)('read_media_file (%s)', (era) => {
  let fx: Fixture;
  afterEach(() => fx.close());

  it('returns an image block with the exact bytes', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'pixel.PNG'), PNG);
    const out = await callTool(fx.client, 'read_media_file', { path: 'pixel.PNG' });
    expect(out.isError).toBe(false);
    expect(out.structured).toEqual({
      path: path.join(fx.root, 'pixel.PNG'),
      mimeType: 'image/png',
      size: PNG.length,
    });
    const image = blocks(out.raw).find((b) => b.type === 'image');
    expect(image?.mimeType).toBe('image/png');
    expect(Buffer.from(image!.data!, 'base64').equals(PNG)).toBe(true);
    expect(out.text).toContain('image/png');
  });

  it('returns audio as an audio block and svg as image/svg+xml', async () => {
    fx = await makeFixture(era);
    const mp3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
    await writeFile(path.join(fx.root, 'clip.mp3'), mp3);
    await writeFile(path.join(fx.root, 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const audio = await callTool(fx.client, 'read_media_file', { path: 'clip.mp3' });
    expect(blocks(audio.raw).find((b) => b.type === 'audio')).toEqual({
      type: 'audio',
      data: mp3.toString('base64'),
      mimeType: 'audio/mpeg',
    });
    const svg = await callTool(fx.client, 'read_media_file', { path: 'logo.svg' });
    expect(svg.structured).toMatchObject({ mimeType: 'image/svg+xml' });
    expect(blocks(svg.raw).some((b) => b.type === 'image' && b.mimeType === 'image/svg+xml')).toBe(true);
  });

  it('types a link by the name it was called, even when its target has no extension', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.root, 'blob-3f2a'), PNG);
    await symlink(path.join(fx.root, 'blob-3f2a'), path.join(fx.root, 'photo.png'));
    const out = await callTool(fx.client, 'read_media_file', { path: 'photo.png' });
    expect(out.structured).toMatchObject({ mimeType: 'image/png', size: PNG.length });
  });

  it('refuses types it does not know, and files over the size limit', async () => {
    fx = await makeFixture(era, { maxFileSize: 10 });
    await writeFile(path.join(fx.root, 'doc.pdf'), '%PDF-1.7');
    const pdf = await callTool(fx.client, 'read_media_file', { path: 'doc.pdf' });
    expect(pdf.isError).toBe(true);
    expect(pdf.text).toContain('not a supported image or audio type');
    expect(pdf.text).toContain('".pdf"');
    await writeFile(path.join(fx.root, 'big.png'), PNG);
    const big = await callTool(fx.client, 'read_media_file', { path: 'big.png' });
    expect(big.isError).toBe(true);
    expect(big.text).toContain(`${PNG.length} bytes, over the 10-byte file-size cap (--max-file-size)`);
  });

  it('refuses a symlink that leads outside the sandbox', async () => {
    fx = await makeFixture(era);
    await writeFile(path.join(fx.outside, 'private.png'), PNG);
    await symlink(path.join(fx.outside, 'private.png'), path.join(fx.root, 'link.png'));
    const out = await callTool(fx.client, 'read_media_file', { path: 'link.png' });
    expect(out.isError).toBe(true);
    expect(out.text).toMatch(/outside the allowed directories/);
    expect(blocks(out.raw).some((b) => b.type === 'image')).toBe(false);
  });
});
