import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { gistRef } from '../gists.js';
import { text } from '../sanitize.js';
import { nextPage, nextPageOf, pageParams, paging } from '../tool-args.js';

export default defineTool({
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
  annotations: readOnly({ openWorld: true }),
  toolset: 'gists',
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
