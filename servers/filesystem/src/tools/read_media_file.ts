import path from 'node:path';
import { InvalidInputError, readOnly, reply } from '@refmcp/core';
import * as z from 'zod';
import { defineTool, type FsContext } from '../deps.js';
import { mimeTypeForName } from '../fs/mime.js';
import { openRegularFile } from '../fs/text.js';
import { MAX_WHOLE_FILE_REPLY_BYTES } from '../limits.js';

/** By extension: the name the client used first, then the real file's (links to blobs often lack one). */
function mediaType(...names: string[]): { kind: 'image' | 'audio'; mimeType: string } | undefined {
  for (const name of names) {
    const mimeType = mimeTypeForName(name);
    if (mimeType?.startsWith('image/')) return { kind: 'image', mimeType };
    if (mimeType?.startsWith('audio/')) return { kind: 'audio', mimeType };
  }
  return undefined;
}

export default defineTool({
  name: 'read_media_file',
  title: 'Read image or audio file',
  description:
    'Return an image (png, jpg, gif, webp, bmp, svg, ico, avif, tiff) or audio file (mp3, wav, ogg, opus, flac, m4a, aac, aiff) as base64 content, typed by extension. Over 6 MiB is refused. Text: read_text_file.',
  inputSchema: z.object({ path: z.string() }),
  outputSchema: z.object({
    path: z.string(),
    mimeType: z.string(),
    size: z.number().describe('bytes'),
  }),
  annotations: readOnly({ openWorld: false }),
  handler: async ({ path: input }, ctx: FsContext) => {
    const real = await ctx.deps.sandbox.resolve(input, 'read');
    const type = mediaType(input, real);
    if (!type) {
      throw new InvalidInputError(
        `${input} is not a supported image or audio type (by its extension, "${path.extname(input) || 'none'}").`,
        { hint: 'Use read_text_file for text; other binary formats cannot be returned.' },
      );
    }
    const fh = await openRegularFile(real, input);
    try {
      const { size } = await fh.stat();
      const { maxFileSize } = ctx.deps.config;
      const limit = Math.min(maxFileSize, MAX_WHOLE_FILE_REPLY_BYTES);
      if (size > limit) {
        const cap =
          limit === maxFileSize
            ? 'file-size cap (--max-file-size)'
            : 'most one reply carries as base64 (a stdio message is at most 9.9 MiB)';
        throw new InvalidInputError(`${input} is ${size} bytes, over the ${limit}-byte ${cap}.`, {
          hint: 'Use a smaller or compressed version of the file.',
        });
      }
      const data = (await fh.readFile()).toString('base64');
      return reply({ path: real, mimeType: type.mimeType, size }, [
        { type: type.kind, data, mimeType: type.mimeType },
      ]);
    } finally {
      await fh.close();
    }
  },
  render: ({ path: p, mimeType, size }) => `${p} (${mimeType}, ${size} bytes)`,
});
