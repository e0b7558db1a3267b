import { PermissionDeniedError, readOnly, reply } from '@refmcp/core';
import { formatBytes } from '@refmcp/core/upstream';
import * as z from 'zod';
import { defineTool, type SlackContext } from '../deps.js';
import { downloadFile, fileTooLarge } from '../slack/files.js';

interface RawFile {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  size?: number;
  user?: string;
  created?: number;
  permalink?: string;
  url_private_download?: string;
  url_private?: string;
  channels?: string[];
  groups?: string[];
  ims?: string[];
}

/** Images a model can look at; anything else image-like is treated as binary. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|x-sh|sql|csv)\b)/;

export default defineTool({
  name: 'slack_get_file',
  title: 'Get file',
  description:
    'A file shared in Slack, by ID (F…): images (PNG, JPEG, GIF, WebP) as image content, text files as text, other kinds as details only. Files over the size cap (default 1 MiB) are refused.',
  inputSchema: z.object({ file_id: z.string().regex(/^F[A-Z0-9]+$/, 'a file ID like F0123ABCD') }),
  outputSchema: z.object({
    id: z.string(),
    name: z.string(),
    title: z.string(),
    mimetype: z.string(),
    size: z.number().describe('Bytes'),
    user: z.string().optional(),
    permalink: z.string(),
    content: z.enum(['image', 'text', 'none']).describe('What the result carries besides these details'),
    text: z.string().optional().describe('The file itself, for a text file'),
  }),
  annotations: readOnly({ openWorld: true }),
  handler: async ({ file_id }, ctx: SlackContext) => {
    const { deps } = ctx;
    // Slack answers file_not_found for a file the token cannot see, so only visible files get here.
    const { file } = await deps.api.call<{ file: RawFile }>('files.info', { file: file_id });
    const shared = [...(file.channels ?? []), ...(file.groups ?? []), ...(file.ims ?? [])];
    // Security: with a read allow-list, a file counts as readable only through a listed conversation.
    if (deps.policy.limitsReads) {
      const readable = await deps.policy.readFilter();
      if (!shared.some((id) => readable(id))) {
        throw new PermissionDeniedError(`File ${file_id} is not in a conversation this server may read.`, {
          hint: 'Only files shared in SLACK_READ_CHANNELS can be read.',
        });
      }
    }
    const size = file.size ?? 0;
    if (size > deps.config.maxFileBytes) throw fileTooLarge(deps.config.maxFileBytes, size);
    const mimetype = file.mimetype ?? 'application/octet-stream';
    const details = {
      id: file.id,
      name: file.name ?? file.id,
      title: file.title ?? file.name ?? file.id,
      mimetype,
      size,
      ...(file.user && { user: file.user }),
      permalink: file.permalink ?? '',
    };
    const isImage = IMAGE_TYPES.has(mimetype);
    if (!isImage && !TEXT_TYPES.test(mimetype)) return { ...details, content: 'none' as const };
    const { bytes } = await downloadFile(
      deps.api,
      deps.config,
      file.url_private_download ?? file.url_private,
    );
    if (isImage) {
      return reply({ ...details, size: bytes.length, content: 'image' as const }, [
        { type: 'image', data: bytes.toString('base64'), mimeType: mimetype },
      ]);
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // A NUL byte means the "text" is not text: said so rather than shown as garbage.
    if (text.includes('\u0000')) return { ...details, content: 'none' as const };
    return { ...details, size: bytes.length, content: 'text' as const, text };
  },
  render: (f) => {
    const head = `${f.name} ${f.id} (${f.mimetype}, ${formatBytes(f.size)}) ${f.permalink}`;
    if (f.content === 'text') return `${head}\n${f.text}`;
    if (f.content === 'image') return `${head}\nThe image follows.`;
    return `${head}\nNot an image or text file: only its details are shown.`;
  },
});
