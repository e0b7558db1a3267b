import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { stripInvisible } from '../sanitize.js';
import { owner, repo } from '../tool-args.js';

const MAX_TEXT = 200_000;

const entry = z.object({ path: z.string(), type: z.string(), size: z.number() });

export default defineTool({
  name: 'get_file_contents',
  title: 'Get file or directory contents',
  description:
    "A file's text (up to 200,000 characters) or a directory's entries, at ref or sha (default branch if omitted).",
  inputSchema: z.object({
    owner,
    repo,
    path: z.string().default('/'),
    ref: z.string().optional(),
    sha: z.string().optional(),
  }),
  outputSchema: z.object({
    type: z.enum(['file', 'dir']),
    path: z.string(),
    sha: z.string().optional(),
    size: z.number().optional(),
    content: z.string().optional(),
    truncated: z.boolean().optional(),
    binary: z.boolean().optional(),
    entries: z.array(entry).optional(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const path = input.path.replace(/^\/+|\/+$/g, '');
    const ref = input.sha ?? input.ref;
    const { data } = await ctx.deps.gh.rest.repos.getContent({
      owner: input.owner,
      repo: input.repo,
      path,
      ...(ref && { ref }),
      request: { signal: ctx.signal },
    });
    if (Array.isArray(data)) {
      return {
        type: 'dir' as const,
        path: path || '/',
        entries: data.map((e) => ({ path: e.path, type: e.type, size: e.size })),
      };
    }
    if (data.type !== 'file' || !('content' in data)) {
      return { type: 'file' as const, path: data.path, sha: data.sha, size: data.size, binary: true };
    }
    const bytes = Buffer.from(data.content, 'base64');
    // A NUL byte in the first 8 KB is how git itself decides a file is binary.
    if (bytes.subarray(0, 8192).includes(0))
      return { type: 'file' as const, path: data.path, sha: data.sha, size: data.size, binary: true };
    const full = stripInvisible(bytes.toString('utf8'));
    return {
      type: 'file' as const,
      path: data.path,
      sha: data.sha,
      size: data.size,
      content: full.slice(0, MAX_TEXT),
      ...(full.length > MAX_TEXT && { truncated: true }),
    };
  },
  render: (out) =>
    out.type === 'dir'
      ? (out.entries ?? []).map((e) => `${e.type === 'dir' ? `${e.path}/` : e.path}`).join('\n') ||
        '(empty directory)'
      : out.binary
        ? `${out.path}: binary file, ${out.size} bytes, sha ${out.sha}`
        : `${out.path} (sha ${out.sha})${out.truncated ? ' [truncated]' : ''}\n${out.content}`,
});
