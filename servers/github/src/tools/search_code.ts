import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { fieldSelection } from '../fields.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, order, paging, searchParams } from '../tool-args.js';

type Hit = {
  name: string;
  sha: string;
  text_matches?: Array<{ fragment?: string }>;
};

const fields = fieldSelection({
  base: z.object({ repo: z.string(), path: z.string(), url: z.string() }),
  keep: ['repo', 'path'],
  fields: {
    name: (i: Hit) => ({ name: i.name }),
    path: ['path', 'url'],
    repository: ['repo'],
    sha: (i) => ({ sha: i.sha }),
    // Matches come only when asked for (text-match media type); fragments are repository text.
    text_matches: (i) => ({ matches: (i.text_matches ?? []).map((m) => text(m.fragment ?? '') ?? '') }),
  },
  extra: { name: z.string(), sha: z.string(), matches: z.array(z.string()) },
});

export default defineTool({
  name: 'search_code',
  title: 'Search code',
  description: 'Files matching GitHub code search syntax, e.g. "greet repo:o/r language:ts".',
  inputSchema: z.object({
    query: z.string().min(1),
    sort: z.enum(['indexed']).optional(),
    order,
    fields: fields.arg,
    ...paging,
  }),
  outputSchema: z.object({
    total: z.number(),
    items: z.array(fields.item),
    nextPage,
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'repos',
  handler: async (input, ctx) => {
    const matches = input.fields?.includes('text_matches');
    const params = searchParams(input, ctx.signal);
    const res = await ctx.deps.gh.rest.search.code(
      matches ? { ...params, headers: { accept: 'application/vnd.github.text-match+json' } } : params,
    );
    return {
      total: res.data.total_count,
      items: res.data.items.map((i) =>
        fields.pick(input.fields, { repo: i.repository.full_name, path: i.path, url: i.html_url }, i),
      ),
      ...nextPageOf(res.headers),
    };
  },
});
