import * as z from 'zod';
import { text } from './sanitize.js';

/** A commit as list_commits and get_commit show it. */
export const commitOut = z.object({
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

export const commitSummary = (c: CommitData) => ({
  sha: c.sha,
  message: text(c.commit.message, 500) ?? '',
  author: c.author?.login ?? c.commit.author?.name ?? null,
  date: c.commit.author?.date ?? null,
});

/** A file a commit or pull request changes; the patch only when asked for. */
export const changedFile = z.object({
  path: z.string(),
  status: z.string(),
  additions: z.number(),
  deletions: z.number(),
  patch: z.string().optional(),
});

/** The commit a file write made. */
export const commitRef = z.object({ sha: z.string(), url: z.string() });
