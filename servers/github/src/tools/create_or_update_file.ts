import { InvalidInputError, writes } from '@refmcp/core';
import * as z from 'zod';
import { commitRef } from '../commits.js';
import { defineTool, type GitHubContext } from '../deps.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
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
    allow_symlink_write: z.boolean().optional(),
  }),
  outputSchema: z.object({ path: z.string(), sha: z.string().describe('New blob sha'), commit: commitRef }),
  annotations: writes({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    if (!input.allow_symlink_write) await refuseSymlink(ctx, input);
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

/**
 * Writing to a path that is a symbolic link changes the link, not the file it points to, which a
 * caller that read the path (GitHub answers a link to a file with that file) does not expect.
 * As github-mcp-server does, that takes allow_symlink_write; the error says how to do either.
 */
async function refuseSymlink(
  ctx: GitHubContext,
  input: { owner: string; repo: string; path: string; branch: string },
) {
  const path = input.path.replace(/^\/+/, '');
  let found: { type: string; path: string; target?: string };
  try {
    const { data } = await ctx.deps.gh.rest.repos.getContent({
      owner: input.owner,
      repo: input.repo,
      path,
      ref: input.branch,
      request: { signal: ctx.signal },
    });
    if (Array.isArray(data)) return;
    found = data as typeof found;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return;
    throw error;
  }
  const resolved = found.type === 'symlink' ? undefined : found.path;
  if (found.type !== 'symlink' && found.path === path) return;
  const to = found.target ?? resolved ?? '';
  throw new InvalidInputError(
    `${path} is a symbolic link${to ? ` to ${to}` : ''}; writing would change the link.`,
    {
      hint: resolved
        ? `To edit the file it points to, write path ${resolved}. To retarget the link, pass allow_symlink_write true with the new target as content.`
        : 'To retarget the link, pass allow_symlink_write true with the new target as content; to replace it with a file, use push_files.',
    },
  );
}
