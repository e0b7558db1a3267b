import * as z from 'zod';

/** A repository as create_repository and fork_repository return it. */
export const repoOut = z.object({
  fullName: z.string(),
  url: z.string(),
  private: z.boolean(),
  defaultBranch: z.string(),
});

export const repoSummary = (r: {
  full_name: string;
  html_url: string;
  private: boolean;
  default_branch: string;
}) => ({
  fullName: r.full_name,
  url: r.html_url,
  private: r.private,
  defaultBranch: r.default_branch,
});
