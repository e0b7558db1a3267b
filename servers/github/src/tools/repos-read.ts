import * as z from 'zod';
import { stripInvisible } from '../sanitize.js';
import {
  defineTool,
  type GitHubTool,
  nextPage,
  nextPageOf,
  owner,
  pageParams,
  paging,
  READ,
  repo,
  text,
} from './common.js';

const MAX_TEXT = 200_000;

const entry = z.object({ path: z.string(), type: z.string(), size: z.number() });

const getFileContents = defineTool({
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
  annotations: READ,
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

const commitOut = z.object({
  sha: z.string(),
  message: z.string(),
  author: z.string().nullable(),
  date: z.string().nullable(),
});
type CommitData = {
  sha: string;
  commit: { message: string; author: { name?: string; date?: string } | null };
  author: { login?: string } | null;
};
const commitSummary = (c: CommitData) => ({
  sha: c.sha,
  message: text(c.commit.message, 500) ?? '',
  author: c.author?.login ?? c.commit.author?.name ?? null,
  date: c.commit.author?.date ?? null,
});

const listCommits = defineTool({
  name: 'list_commits',
  title: 'List commits',
  description:
    'Commits newest first, from a branch or sha; optionally only those touching path or by author.',
  inputSchema: z.object({
    owner,
    repo,
    sha: z.string().optional().describe('Branch, tag or sha'),
    path: z.string().optional(),
    author: z.string().optional(),
    ...paging,
  }),
  outputSchema: z.object({ commits: z.array(commitOut), nextPage }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listCommits({
      owner: input.owner,
      repo: input.repo,
      ...(input.sha && { sha: input.sha }),
      ...(input.path && { path: input.path }),
      ...(input.author && { author: input.author }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return { commits: res.data.map(commitSummary), ...nextPageOf(res.headers) };
  },
});

const getCommit = defineTool({
  name: 'get_commit',
  title: 'Get commit',
  description: 'One commit and its changed files; patches only with include_diff.',
  inputSchema: z.object({ owner, repo, sha: z.string().min(1), include_diff: z.boolean().default(false) }),
  outputSchema: commitOut.extend({
    parents: z.array(z.string()),
    files: z.array(
      z.object({
        path: z.string(),
        status: z.string(),
        additions: z.number(),
        deletions: z.number(),
        patch: z.string().optional(),
      }),
    ),
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.getCommit({
      owner: input.owner,
      repo: input.repo,
      ref: input.sha,
      request: { signal: ctx.signal },
    });
    return {
      ...commitSummary(data),
      parents: data.parents.map((p) => p.sha),
      files: (data.files ?? []).map((f) => ({
        path: f.filename,
        status: f.status,
        additions: f.additions,
        deletions: f.deletions,
        ...(input.include_diff && f.patch !== undefined && { patch: stripInvisible(f.patch) }),
      })),
    };
  },
});

const listBranches = defineTool({
  name: 'list_branches',
  title: 'List branches',
  description: 'Branch names with their head commit.',
  inputSchema: z.object({ owner, repo, ...paging }),
  outputSchema: z.object({
    branches: z.array(z.object({ name: z.string(), sha: z.string(), protected: z.boolean() })),
    nextPage,
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listBranches({
      owner: input.owner,
      repo: input.repo,
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return {
      branches: res.data.map((b) => ({ name: b.name, sha: b.commit.sha, protected: b.protected })),
      ...nextPageOf(res.headers),
    };
  },
});

const getRepositoryTree = defineTool({
  name: 'get_repository_tree',
  title: 'Get repository tree',
  description: 'Every path in the repository at a ref (recursive), optionally under path_filter.',
  inputSchema: z.object({
    owner,
    repo,
    tree_sha: z.string().optional().describe('Branch, tag or sha; default branch if omitted'),
    recursive: z.boolean().default(true),
    path_filter: z.string().optional(),
  }),
  outputSchema: z.object({
    sha: z.string(),
    truncated: z.boolean(),
    entries: z.array(z.object({ path: z.string(), type: z.string(), size: z.number().optional() })),
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const ref =
      input.tree_sha ??
      (await gh.rest.repos.get({ owner: input.owner, repo: input.repo, request: { signal: ctx.signal } }))
        .data.default_branch;
    const { data } = await gh.rest.git.getTree({
      owner: input.owner,
      repo: input.repo,
      tree_sha: ref,
      ...(input.recursive && { recursive: '1' }),
      request: { signal: ctx.signal },
    });
    const prefix = input.path_filter?.replace(/^\/+/, '');
    return {
      sha: data.sha,
      truncated: data.truncated,
      entries: data.tree
        .filter((e) => !prefix || (e.path ?? '').startsWith(prefix))
        .map((e) => ({
          path: e.path ?? '',
          type: e.type ?? 'blob',
          ...(e.size !== undefined && { size: e.size }),
        })),
    };
  },
  render: (out) => out.entries.map((e) => (e.type === 'tree' ? `${e.path}/` : e.path)).join('\n'),
});

export const repoReadTools: GitHubTool[] = [
  getFileContents,
  listCommits,
  getCommit,
  listBranches,
  getRepositoryTree,
];
