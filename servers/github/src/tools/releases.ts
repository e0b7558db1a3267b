import * as z from 'zod';
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

const listTags = defineTool({
  name: 'list_tags',
  title: 'List tags',
  description: 'Git tags with the commit each points to.',
  inputSchema: z.object({ owner, repo, ...paging }),
  outputSchema: z.object({ tags: z.array(z.object({ name: z.string(), sha: z.string() })), nextPage }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listTags({
      owner: input.owner,
      repo: input.repo,
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return { tags: res.data.map((t) => ({ name: t.name, sha: t.commit.sha })), ...nextPageOf(res.headers) };
  },
});

const releaseOut = z.object({
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
const release = (r: ReleaseData, max?: number) => ({
  tag: r.tag_name,
  name: text(r.name),
  draft: r.draft,
  prerelease: r.prerelease,
  published: r.published_at,
  body: text(r.body, max),
  url: r.html_url,
});

const listReleases = defineTool({
  name: 'list_releases',
  title: 'List releases',
  description: 'Releases, newest first (notes shortened; get_latest_release has them in full).',
  inputSchema: z.object({ owner, repo, ...paging }),
  outputSchema: z.object({ releases: z.array(releaseOut), nextPage }),
  annotations: READ,
  handler: async (input, ctx) => {
    const res = await ctx.deps.gh.rest.repos.listReleases({
      owner: input.owner,
      repo: input.repo,
      ...pageParams(input),
      request: { signal: ctx.signal },
    });
    return { releases: res.data.map((r) => release(r, 300)), ...nextPageOf(res.headers) };
  },
});

const getLatestRelease = defineTool({
  name: 'get_latest_release',
  title: 'Get latest release',
  description: 'The latest published, non-prerelease release.',
  inputSchema: z.object({ owner, repo }),
  outputSchema: releaseOut,
  annotations: READ,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.repos.getLatestRelease({
      owner: input.owner,
      repo: input.repo,
      request: { signal: ctx.signal },
    });
    return release(data);
  },
});

export const releaseTools: GitHubTool[] = [listTags, listReleases, getLatestRelease];
