import { InvalidInputError, writes } from '@refmcp/core';
import { formatBytes } from '@refmcp/core/upstream';
import * as z from 'zod';
import { defineTool, type SlackContext, writableChannel } from '../deps.js';
import { markdownToMrkdwn } from '../mrkdwn.js';
import { fileTooLarge, sendUpload } from '../slack/files.js';
import { channelArg, tsArg } from '../tool-args.js';

const input = z.object({
  channel_id: channelArg,
  filename: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^/\\]+$/, 'a file name without slashes')
    .describe('Name shown in Slack, e.g. report.csv'),
  content: z.string().optional().describe('The file as text (UTF-8)'),
  content_base64: z.string().optional().describe('The file as base64, for binary files'),
  title: z.string().max(255).optional(),
  initial_comment: z.string().max(4000).optional().describe('Message posted with the file (Markdown)'),
  thread_ts: tsArg.optional().describe('Share in this thread'),
});

/** The bytes to send, from exactly one of the two content arguments. */
function bytesOf({ content, content_base64 }: z.output<typeof input>): Buffer {
  if ((content === undefined) === (content_base64 === undefined)) {
    throw new InvalidInputError('Give exactly one of content and content_base64.');
  }
  if (content !== undefined) return Buffer.from(content, 'utf8');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content_base64!.replace(/\s+/g, ''))) {
    throw new InvalidInputError('content_base64 is not base64.');
  }
  return Buffer.from(content_base64!, 'base64');
}

export default defineTool({
  name: 'slack_upload_file',
  title: 'Upload file',
  description:
    "Share a file in a channel, from text or base64 (up to the server's size cap, default 1 MiB), optionally with a message or in a thread.",
  inputSchema: input,
  outputSchema: z.object({
    id: z.string(),
    title: z.string(),
    channel: z.string(),
    size: z.number().describe('Bytes'),
  }),
  annotations: writes({ openWorld: true }),
  // Everyone in the channel can open it at once: the user approves each upload.
  confirm: async (args, ctx: SlackContext) => {
    await writableChannel(ctx.deps, args.channel_id);
    const bytes = bytesOf(args);
    if (bytes.length > ctx.deps.config.maxFileBytes)
      throw fileTooLarge(ctx.deps.config.maxFileBytes, bytes.length);
    return `Upload ${args.filename} (${formatBytes(bytes.length)}) to ${args.channel_id}`;
  },
  handler: async (args, ctx: SlackContext) => {
    const { deps } = ctx;
    const channel = await writableChannel(deps, args.channel_id);
    const bytes = bytesOf(args);
    if (bytes.length === 0) throw new InvalidInputError('The file is empty; Slack takes no empty files.');
    if (bytes.length > deps.config.maxFileBytes) throw fileTooLarge(deps.config.maxFileBytes, bytes.length);
    const target = await deps.api.call<{ upload_url: string; file_id: string }>(
      'files.getUploadURLExternal',
      {
        filename: args.filename,
        length: bytes.length,
      },
    );
    await sendUpload(deps.api, deps.config, target.upload_url, bytes);
    const title = args.title ?? args.filename;
    const done = await deps.api.call<{ files?: Array<{ id?: string; title?: string }> }>(
      'files.completeUploadExternal',
      {
        files: JSON.stringify([{ id: target.file_id, title }]),
        channel_id: channel,
        initial_comment: args.initial_comment && markdownToMrkdwn(args.initial_comment),
        thread_ts: args.thread_ts,
      },
    );
    const file = done.files?.[0];
    return { id: file?.id ?? target.file_id, title: file?.title ?? title, channel, size: bytes.length };
  },
  render: ({ id, title, channel, size }) => `Shared ${title} ${id} (${formatBytes(size)}) in ${channel}.`,
});
