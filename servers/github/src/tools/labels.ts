import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import {
  confirm,
  confirmOrThrow,
  DESTRUCTIVE,
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

const labelOut = z.object({ name: z.string(), color: z.string(), description: z.string().nullable() });
const trim = (l: { name: string; color: string; description: string | null }) => ({
  name: l.name,
  color: l.color,
  description: text(l.description),
});

const getLabel = defineTool({
  name: 'get_label',
  title: 'Get label',
  description: 'One label of a repository by name.',
  inputSchema: z.object({ owner, repo, name: z.string() }),
  outputSchema: labelOut,
  annotations: READ,
  handler: async (input, ctx) =>
    trim((await ctx.deps.gh.rest.issues.getLabel({ ...input, request: { signal: ctx.signal } })).data),
});

const listLabel = defineTool({
  name: 'list_label',
  title: 'List labels',
  description: 'Labels of a repository, or of one issue when issue_number is given.',
  inputSchema: z.object({ owner, repo, issue_number: z.number().min(1).optional(), ...paging }),
  outputSchema: z.object({ labels: z.array(labelOut), nextPage }),
  annotations: READ,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = {
      owner: input.owner,
      repo: input.repo,
      ...pageParams(input),
      request: { signal: ctx.signal },
    };
    const res = input.issue_number
      ? await gh.rest.issues.listLabelsOnIssue({ ...where, issue_number: input.issue_number })
      : await gh.rest.issues.listLabelsForRepo(where);
    return { labels: res.data.map(trim), ...nextPageOf(res.headers) };
  },
});

const labelWrite = defineTool({
  name: 'label_write',
  title: 'Create, update or delete label',
  description:
    'method create (color required), update (new_name, color, description) or delete (asks the user).',
  inputSchema: z.object({
    method: z.enum(['create', 'update', 'delete']),
    owner,
    repo,
    name: z.string(),
    new_name: z.string().optional(),
    color: z.string().optional().describe('Hex without #'),
    description: z.string().optional(),
    confirm,
  }),
  outputSchema: z.object({ label: labelOut.optional(), deleted: z.boolean().optional() }),
  annotations: DESTRUCTIVE,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, name: input.name };
    const extra = {
      ...(input.color && { color: input.color }),
      ...(input.description !== undefined && { description: input.description }),
    };
    if (input.method === 'delete') {
      await confirmOrThrow(
        ctx,
        input.confirm,
        `Delete label ${input.name} from ${input.owner}/${input.repo}`,
      );
      await gh.rest.issues.deleteLabel(where);
      return { deleted: true };
    }
    if (input.method === 'create') {
      if (!input.color) throw new InvalidInputError('color is required to create a label.');
      return {
        label: trim((await gh.rest.issues.createLabel({ ...where, color: input.color, ...extra })).data),
      };
    }
    return {
      label: trim(
        (
          await gh.rest.issues.updateLabel({
            ...where,
            ...extra,
            ...(input.new_name && { new_name: input.new_name }),
          })
        ).data,
      ),
    };
  },
});

export const labelTools: GitHubTool[] = [getLabel, listLabel, labelWrite];
