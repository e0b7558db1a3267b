// Files: files.info, the external upload flow (files.getUploadURLExternal, a POST of the bytes to
// the upload URL, files.completeUploadExternal) and downloads of url_private(_download).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type MethodContext, SlackFailure } from './context.js';
import type { Method } from './methods.js';
import type { FakeFile, FakeToken, FakeWorkspace } from './state.js';

/** Who may see a file: its uploader, and members of (or, for public channels, anyone in) a conversation it is in. */
export function canSee(ws: FakeWorkspace, file: FakeFile, userId: string): boolean {
  if (file.user === userId) return true;
  return file.channels.some((id) => {
    const channel = ws.channel(id);
    if (!channel) return false;
    return channel.members.includes(userId) || (!channel.is_private && !channel.is_im && !channel.is_mpim);
  });
}

/** A file object as files.info and files.completeUploadExternal show it (the fields clients read). */
export function fileView(ws: FakeWorkspace, file: FakeFile, baseUrl: string): Record<string, unknown> {
  const path = `files-pri/${ws.teamId}-${file.id}`;
  const name = encodeURIComponent(file.name);
  const kind = (test: (c: { is_im?: boolean; is_mpim?: boolean; is_private: boolean }) => boolean) =>
    file.channels.filter((id) => {
      const c = ws.channel(id);
      return c ? test(c) : false;
    });
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.filetype.toUpperCase(),
    user: file.user,
    user_team: ws.teamId,
    editable: file.mimetype.startsWith('text/'),
    size: file.content.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: kind((c) => !c.is_private && !c.is_im).length > 0,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${baseUrl}${path}/${name}`,
    url_private_download: `${baseUrl}${path}/download/${name}`,
    permalink: `https://${ws.domain}.slack.com/files/${file.user}/${file.id}/${name}`,
    permalink_public: `https://slack-files.com/${ws.teamId}-${file.id}-0000000000`,
    channels: kind((c) => !c.is_private && !c.is_im),
    groups: kind((c) => c.is_private && !c.is_im && !c.is_mpim),
    ims: kind((c) => Boolean(c.is_im || c.is_mpim)),
    has_rich_preview: false,
    file_access: 'visible',
  };
}

function visibleFile(ctx: MethodContext, id: string | undefined): FakeFile {
  const file = id ? ctx.ws.file(id) : undefined;
  if (!file || !canSee(ctx.ws, file, ctx.token.userId)) throw new SlackFailure('file_not_found');
  return file;
}

const MIME: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  pdf: 'application/pdf',
};

export const fileMethods: Record<string, Method> = {
  'files.info': (params, ctx) => ({
    file: fileView(ctx.ws, visibleFile(ctx, params.file), ctx.baseUrl),
    comments: [],
    response_metadata: { next_cursor: '' },
  }),

  // https://api.slack.com/methods/files.getUploadURLExternal: filename and length are required.
  'files.getUploadURLExternal': (params, ctx) => {
    const length = Number(params.length);
    if (!params.filename || !params.length) throw new SlackFailure('invalid_arguments');
    if (!Number.isInteger(length) || length <= 0) throw new SlackFailure('missing_argument');
    const fileId = `F0${String(ctx.ws.files.length + ctx.ws.uploads.size + 1).padStart(9, '0')}`;
    const uploadId = Buffer.from(`${fileId}:${Date.now()}`).toString('base64url');
    ctx.ws.uploads.set(uploadId, { fileId, filename: params.filename, length, userId: ctx.token.userId });
    return { upload_url: `${ctx.baseUrl}upload/v1/${uploadId}`, file_id: fileId };
  },

  // https://api.slack.com/methods/files.completeUploadExternal: `files` is a JSON array of {id, title}.
  'files.completeUploadExternal': (params, ctx) => {
    let entries: Array<{ id?: string; title?: string }>;
    try {
      entries = JSON.parse(params.files ?? '');
    } catch {
      throw new SlackFailure('invalid_arguments');
    }
    if (!Array.isArray(entries) || entries.length === 0) throw new SlackFailure('invalid_arguments');
    const channelId = params.channel_id ?? params.channels;
    const channel = channelId ? ctx.ws.channel(channelId) : undefined;
    if (channelId && (!channel || (channel.is_private && !channel.members.includes(ctx.token.userId))))
      throw new SlackFailure('channel_not_found');
    if (channel && !channel.members.includes(ctx.token.userId)) throw new SlackFailure('not_in_channel');
    const files = entries.map((entry) => {
      const file = ctx.ws.files.find((f) => f.id === entry.id && f.user === ctx.token.userId);
      // Uploaded bytes exist only once the upload URL received them.
      if (!file) throw new SlackFailure('file_not_found');
      if (entry.title) file.title = entry.title;
      if (channel && !file.channels.includes(channel.id)) file.channels.push(channel.id);
      return file;
    });
    if (channel) {
      ctx.ws.addMessage(channel.id, {
        text: params.initial_comment ?? '',
        user: ctx.token.userId,
        files: files.map((f) => fileView(ctx.ws, f, ctx.baseUrl)),
        ...(params.thread_ts && { thread_ts: params.thread_ts }),
      });
    }
    return { files: files.map((f) => ({ id: f.id, title: f.title })) };
  },
};

/** A request to the upload or download host, as tests inspect it (never the token itself). */
export interface FileRequest {
  method: string;
  path: string;
  /** Which token kind the Authorization header carried, if any. */
  tokenKind?: FakeToken['kind'];
  bytes: number;
}

/**
 * Serves `upload/v1/<id>` (POST, raw bytes or multipart) and `files-pri/<team>-<file>/…` (GET with
 * the token as a Bearer header). Returns false for any other path.
 */
export async function handleFileRoute(
  ws: FakeWorkspace,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: Buffer,
  log: FileRequest[],
): Promise<boolean> {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const token = bearer ? ws.tokens.get(bearer) : undefined;
  const upload = /^\/upload\/v1\/([\w-]+)$/.exec(path);
  const download = /^\/files-pri\/([A-Z0-9]+)-(F\w+)\/(?:download\/)?[^/]+$/.exec(path);
  if (!upload && !download) return false;
  log.push({ method: req.method ?? '', path, bytes: body.length, ...(token && { tokenKind: token.kind }) });
  if (upload) {
    const pending = ws.uploads.get(upload[1]!);
    if (req.method !== 'POST' || !pending) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
      return true;
    }
    const bytes = await uploadedBytes(req, body);
    ws.uploads.delete(upload[1]!);
    const ext = pending.filename.split('.').pop()?.toLowerCase() ?? '';
    ws.addFile({
      id: pending.fileId,
      name: pending.filename,
      mimetype: MIME[ext] ?? 'application/octet-stream',
      user: pending.userId,
      content: bytes,
      channels: [],
    });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
    return true;
  }
  const file = ws.file(download![2]!);
  // Without a token that can see the file, Slack sends the browser to its sign-in page.
  if (!token || !file || download![1] !== ws.teamId || !canSee(ws, file, token.userId)) {
    res
      .writeHead(302, { location: `https://${ws.domain}.slack.com/?redir=${encodeURIComponent(path)}` })
      .end();
    return true;
  }
  res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.content.length) });
  res.end(file.content);
  return true;
}

/** The file's bytes from a raw body or the first file part of a multipart form. */
async function uploadedBytes(req: IncomingMessage, body: Buffer): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('multipart/form-data')) return body;
  const form = await new Response(body, { headers: { 'content-type': type } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}
