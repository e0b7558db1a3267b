import * as z from 'zod';
import { text } from './sanitize.js';

export const releaseOut = z.object({
  tag: z.string(),
  name: z.string().nullable(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  published: z.string().nullable(),
  body: z.string().nullable(),
  url: z.string(),
});

type ReleaseData = {
  tag_name: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  published_at: string | null;
  body?: string | null;
  html_url: string;
};

/** A release with its notes sanitised, shortened to `max` characters in lists. */
export const release = (r: ReleaseData, max?: number) => ({
  tag: r.tag_name,
  name: text(r.name),
  draft: r.draft,
  prerelease: r.prerelease,
  published: r.published_at,
  body: text(r.body, max),
  url: r.html_url,
});
