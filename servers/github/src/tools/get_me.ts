import { readOnly } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { text } from '../sanitize.js';

export default defineTool({
  name: 'get_me',
  title: 'Get my user',
  description: 'Who "me" is: the authenticated user\'s login, name and email.',
  inputSchema: z.object({}),
  outputSchema: z.object({
    login: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    company: z.string().nullable(),
    url: z.string(),
  }),
  annotations: readOnly({ openWorld: true }),
  toolset: 'context',
  handler: async (_input, ctx) => {
    const { data } = await ctx.deps.gh.rest.users.getAuthenticated({ request: { signal: ctx.signal } });
    return {
      login: data.login,
      name: text(data.name),
      email: data.email ?? null,
      company: text(data.company),
      url: data.html_url,
    };
  },
});
