import * as z from 'zod';
import { stripInvisible } from '../sanitize.js';
import {
  defineTool,
  type GitHubTool,
  nextPage,
  nextPageOf,
  pageParams,
  paging,
  READ,
  text,
  WRITE,
} from './common.js';

const gistRef = z.object({ id: z.string(), url: z.string() });

const listGists = defineTool({
  name: 'list_gists',
  title: 'List gists',
  description: 'Gists of a user (yours when username is omitted).',
  inputSchema: z.object({ username: z.string().optional(), since: z.string().optional(), ...paging }),
  outputSchema: z.object({
    gists: z.array(
      gistRef.extend({
        description: z.string().nullable(),
        public: z.boolean(),
        files: z.array(z.string()),
        updated: z.string(),
      }),
    ),
    nextPage,
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const q = {
      ...(input.since && { since: input.since }),
      ...pageParams(input),
      request: { signal: ctx.signal },
    };
    const res = input.username
      ? await gh.rest.gists.listForUser({ ...q, username: input.username })
      : await gh.rest.gists.list(q);
    return {
      gists: res.data.map((g) => ({
        id: g.id,
        url: g.html_url,
        description: text(g.description),
        public: g.public,
        files: Object.keys(g.files),
        updated: g.updated_at,
      })),
      ...nextPageOf(res.headers),
    };
  },
});

const getGist = defineTool({
  name: 'get_gist',
  title: 'Get gist',
  description: "One gist with its files' contents.",
  inputSchema: z.object({ gist_id: z.string() }),
  outputSchema: gistRef.extend({
    description: z.string().nullable(),
    owner: z.string().nullable(),
    files: z.array(z.object({ name: z.string(), content: z.string() })),
  }),
  annotations: READ,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.gists.get({
      gist_id: input.gist_id,
      request: { signal: ctx.signal },
    });
    return {
      id: data.id ?? input.gist_id,
      url: data.html_url ?? '',
      description: text(data.description),
      owner: data.owner?.login ?? null,
      files: Object.entries(data.files ?? {}).map(([name, f]) => ({
        name,
        content: stripInvisible(f?.content ?? ''),
      })),
    };
  },
});

const files = z.record(z.string(), z.string()).describe('File name → content');

const createGist = defineTool({
  name: 'create_gist',
  title: 'Create gist',
  description: 'Create a gist (secret unless public is true).',
  inputSchema: z.object({ description: z.string().optional(), public: z.boolean().default(false), files }),
  outputSchema: gistRef,
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.gists.create({
      public: input.public,
      ...(input.description && { description: input.description }),
      files: Object.fromEntries(Object.entries(input.files).map(([name, content]) => [name, { content }])),
    });
    return { id: data.id ?? '', url: data.html_url ?? '' };
  },
});

const updateGist = defineTool({
  name: 'update_gist',
  title: 'Update gist',
  description: "Change a gist's description or set files' contents.",
  inputSchema: z.object({ gist_id: z.string(), description: z.string().optional(), files: files.optional() }),
  outputSchema: gistRef,
  annotations: WRITE,
  handler: async (input, ctx) => {
    const { data } = await ctx.deps.gh.rest.gists.update({
      gist_id: input.gist_id,
      ...(input.description !== undefined && { description: input.description }),
      ...(input.files && {
        files: Object.fromEntries(Object.entries(input.files).map(([name, content]) => [name, { content }])),
      }),
    });
    return { id: data.id ?? input.gist_id, url: data.html_url ?? '' };
  },
});

export const gistTools: GitHubTool[] = [listGists, getGist, createGist, updateGist];
