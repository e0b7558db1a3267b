import { PermissionDeniedError } from '@refmcp/core';
import * as z from 'zod';
import {
  confirm,
  confirmOrThrow,
  DESTRUCTIVE,
  defineTool,
  type GitHubTool,
  owner,
  repo,
  WRITE,
} from './common.js';

const commitOut = z.object({ sha: z.string(), url: z.string() });

const createBranch = defineTool({
  name: 'create_branch',
  title: 'Create branch',
  description: 'Create a branch from another branch (default: the default branch).',
  inputSchema: z.object({ owner, repo, branch: z.string().min(1), from_branch: z.string().optional() }),
  outputSchema: z.object({ branch: z.string(), sha: z.string() }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const from =
      input.from_branch ??
      (await gh.rest.repos.get({ owner: input.owner, repo: input.repo })).data.default_branch;
    const base = await gh.rest.git.getRef({ owner: input.owner, repo: input.repo, ref: `heads/${from}` });
    await gh.rest.git.createRef({
      owner: input.owner,
      repo: input.repo,
      ref: `refs/heads/${input.branch}`,
      sha: base.data.object.sha,
    });
    return { branch: input.branch, sha: base.data.object.sha };
  },
});

const createOrUpdateFile = defineTool({
  name: 'create_or_update_file',
  title: 'Create or update file',
  description: 'Write one file as a commit. Updating needs the current blob sha (from get_file_contents).',
  inputSchema: z.object({
    owner,
    repo,
    path: z.string().min(1),
    content: z.string(),
    message: z.string().min(1),
    branch: z.string().min(1),
    sha: z.string().optional(),
  }),
  outputSchema: z.object({ path: z.string(), sha: z.string().describe('New blob sha'), commit: commitOut }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.createOrUpdateFileContents({
      owner: input.owner,
      repo: input.repo,
      path: input.path,
      message: input.message,
      content: Buffer.from(input.content, 'utf8').toString('base64'),
      branch: input.branch,
      ...(input.sha && { sha: input.sha }),
    });
    return {
      path: input.path,
      sha: data.content?.sha ?? '',
      commit: { sha: data.commit.sha ?? '', url: data.commit.html_url ?? '' },
    };
  },
});

const pushFiles = defineTool({
  name: 'push_files',
  title: 'Push files',
  description: 'Write several files to a branch in one commit.',
  inputSchema: z.object({
    owner,
    repo,
    branch: z.string().min(1),
    message: z.string().min(1),
    files: z.array(z.object({ path: z.string().min(1), content: z.string() })).min(1),
  }),
  outputSchema: commitOut.extend({ files: z.number() }),
  annotations: WRITE,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo };
    const ref = await gh.rest.git.getRef({ ...where, ref: `heads/${input.branch}` });
    const parent = await gh.rest.git.getCommit({ ...where, commit_sha: ref.data.object.sha });
    const tree = await gh.rest.git.createTree({
      ...where,
      base_tree: parent.data.tree.sha,
      tree: input.files.map((f) => ({
        path: f.path,
        mode: '100644' as const,
        type: 'blob' as const,
        content: f.content,
      })),
    });
    const commit = await gh.rest.git.createCommit({
      ...where,
      message: input.message,
      tree: tree.data.sha,
      parents: [parent.data.sha],
    });
    await gh.rest.git.updateRef({ ...where, ref: `heads/${input.branch}`, sha: commit.data.sha });
    return { sha: commit.data.sha, url: commit.data.html_url, files: input.files.length };
  },
});

const deleteFile = defineTool({
  name: 'delete_file',
  title: 'Delete file',
  description: 'Delete one file from a branch as a commit. Asks the user to confirm.',
  inputSchema: z.object({
    owner,
    repo,
    path: z.string().min(1),
    message: z.string().min(1),
    branch: z.string().min(1),
    confirm,
  }),
  outputSchema: commitOut,
  annotations: DESTRUCTIVE,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, path: input.path };
    const { data } = await gh.rest.repos.getContent({ ...where, ref: input.branch });
    if (Array.isArray(data) || data.type !== 'file') throw new Error(`${input.path} is not a file`);
    await confirmOrThrow(
      ctx,
      input.confirm,
      `Delete ${input.path} from ${input.owner}/${input.repo}@${input.branch}`,
    );
    const res = await gh.rest.repos.deleteFile({
      ...where,
      message: input.message,
      sha: data.sha,
      branch: input.branch,
    });
    return { sha: res.data.commit.sha ?? '', url: res.data.commit.html_url ?? '' };
  },
});

const repoOut = z.object({
  fullName: z.string(),
  url: z.string(),
  private: z.boolean(),
  defaultBranch: z.string(),
});

const createRepository = defineTool({
  name: 'create_repository',
  title: 'Create repository',
  description: 'Create a repository for the authenticated user.',
  inputSchema: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    private: z.boolean().default(false),
    autoInit: z.boolean().default(false),
  }),
  outputSchema: repoOut,
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.createForAuthenticatedUser({
      name: input.name,
      private: input.private,
      auto_init: input.autoInit,
      ...(input.description && { description: input.description }),
    });
    return {
      fullName: data.full_name,
      url: data.html_url,
      private: data.private,
      defaultBranch: data.default_branch,
    };
  },
});

const forkRepository = defineTool({
  name: 'fork_repository',
  title: 'Fork repository',
  description: 'Fork a repository to your account or an organization.',
  inputSchema: z.object({ owner, repo, organization: z.string().optional() }),
  outputSchema: repoOut,
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.createFork({
      owner: input.owner,
      repo: input.repo,
      ...(input.organization && { organization: input.organization }),
    });
    return {
      fullName: data.full_name,
      url: data.html_url,
      private: data.private,
      defaultBranch: data.default_branch,
    };
  },
});

const deleteRepository = defineTool({
  name: 'delete_repository',
  title: 'Delete repository',
  description:
    'Delete a repository with its issues, pull requests and history (needs admin rights and the delete_repo scope). Asks the user to confirm.',
  inputSchema: z.object({ owner, repo, confirm }),
  outputSchema: z.object({ deleted: z.string().describe('owner/name') }),
  annotations: DESTRUCTIVE,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, request: { signal: ctx.signal } };
    // Ask the user only about a repository that exists and that this token could delete.
    const { data } = await gh.rest.repos.get(where);
    if (data.permissions && !data.permissions.admin) {
      throw new PermissionDeniedError(`Deleting ${data.full_name} needs admin rights on it.`, {
        hint: 'Only an admin of the repository can delete it.',
      });
    }
    await confirmOrThrow(
      ctx,
      input.confirm,
      `Delete the repository ${data.full_name} with all its issues, pull requests and history`,
    );
    await gh.rest.repos.delete(where);
    return { deleted: data.full_name };
  },
});

export const repoWriteTools: GitHubTool[] = [
  createBranch,
  createOrUpdateFile,
  pushFiles,
  deleteFile,
  createRepository,
  forkRepository,
  deleteRepository,
];
