import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { fieldSelection } from '../fields.js';
import { stripInvisible } from '../sanitize.js';
import { owner, repo } from '../tool-args.js';

const MAX_TEXT = 200_000;

type RawEntry = {
  name: string;
  sha: string;
  url: string;
  html_url: string | null;
  git_url: string | null;
  download_url: string | null;
};

/** `fields` chooses what each entry of a directory shows. */
const fields = fieldSelection({
  base: z.object({ path: z.string(), type: z.string(), size: z.number() }),
  keep: ['path'],
  fields: {
    download_url: (e: RawEntry) => ({ downloadUrl: e.download_url }),
    git_url: (e) => ({ gitUrl: e.git_url }),
    html_url: (e) => ({ htmlUrl: e.html_url }),
    name: (e) => ({ name: e.name }),
    path: ['path'],
    sha: (e) => ({ sha: e.sha }),
    size: ['size'],
    type: ['type'],
    url: (e) => ({ apiUrl: e.url }),
  },
  extra: {
    downloadUrl: z.string().nullable(),
    gitUrl: z.string().nullable(),
    htmlUrl: z.string().nullable(),
    name: z.string(),
    sha: z.string(),
    apiUrl: z.string(),
  },
});

export default defineTool({
  name: 'get_file_contents',
  title: 'Get file or directory contents',
  description:
    "A file's text (up to 200,000 characters) or a directory's entries, at ref or sha (default branch).",
  inputSchema: z.object({
    owner,
    repo,
    path: z.string().default('/'),
    ref: z.string().optional(),
    sha: z.string().optional(),
    fields: fields.arg,
  }),
  outputSchema: z.object({
    type: z.enum(['file', 'dir']),
    path: z.string(),
    sha: z.string().optional(),
    size: z.number().optional(),
    content: z.string().optional(),
    truncated: z.boolean().optional(),
    binary: z.boolean().optional(),
    entries: z.array(fields.item).optional(),
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
        entries: data.map((e) => fields.pick(input.fields, { path: e.path, type: e.type, size: e.size }, e)),
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
      ? (out.entries ?? [])
          // With fields chosen, each entry shows them all; by default, a path per line.
          .map((e) =>
            Object.keys(e).some((k) => !['path', 'type', 'size'].includes(k))
              ? JSON.stringify(e)
              : e.type === 'dir'
                ? `${e.path}/`
                : e.path,
          )
          .join('\n') || '(empty directory)'
      : out.binary
        ? `${out.path}: binary file, ${out.size} bytes, sha ${out.sha}`
        : `${out.path} (sha ${out.sha})${out.truncated ? ' [truncated]' : ''}\n${out.content}`,
});
