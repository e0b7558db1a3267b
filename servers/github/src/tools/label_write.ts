import { destructive, InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import { defineTool } from '../deps.js';
import { labelOut, trimLabel } from '../labels.js';
import { owner, repo } from '../tool-args.js';

export default defineTool({
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
  }),
  outputSchema: z.object({ label: labelOut.optional(), deleted: z.boolean().optional() }),
  annotations: destructive({ openWorld: true }),
  toolset: 'labels',
  // Creating and updating a label can be undone; deleting it takes it off every issue.
  confirm: (input) =>
    input.method === 'delete' ? `Delete label ${input.name} from ${input.owner}/${input.repo}` : undefined,
  handler: async (input, ctx) => {
    const gh = ctx.deps.gh;
    const where = { owner: input.owner, repo: input.repo, name: input.name };
    const extra = {
      ...(input.color && { color: input.color }),
      ...(input.description !== undefined && { description: input.description }),
    };
    if (input.method === 'delete') {
      await gh.rest.issues.deleteLabel(where);
      return { deleted: true };
    }
    if (input.method === 'create') {
      if (!input.color) throw new InvalidInputError('color is required to create a label.');
      return {
        label: trimLabel((await gh.rest.issues.createLabel({ ...where, color: input.color, ...extra })).data),
      };
    }
    return {
      label: trimLabel(
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
