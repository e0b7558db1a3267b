import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from './deps.js';

/** Issue field values by field name, as issue_write takes them; resolved to ids for the REST API. */
export const issueFieldsArg = z
  .array(
    z.object({
      field_name: z.string().min(1),
      value: z.union([z.string(), z.number(), z.boolean()]).optional(),
      field_option_name: z.string().optional(),
      delete: z.boolean().optional(),
    }),
  )
  .optional()
  .describe('see list_issue_fields');

type FieldData = { id: number; name: string; data_type: string; options?: Array<{ name: string }> | null };

/** Values to set ({field_id, value}) and field ids to clear, checked against the owner's fields. */
export async function resolveIssueFields(
  ctx: GitHubContext,
  owner: string,
  wanted: NonNullable<z.output<typeof issueFieldsArg>>,
) {
  const { data } = await ctx.deps.gh.request('GET /orgs/{org}/issue-fields', {
    org: owner,
    request: { signal: ctx.signal },
  });
  const fields = data as FieldData[];
  const set: Array<{ field_id: number; value: string | number }> = [];
  const clear: number[] = [];
  for (const w of wanted) {
    const field = fields.find((f) => f.name.toLowerCase() === w.field_name.toLowerCase());
    if (!field)
      throw new InvalidInputError(
        `No issue field "${w.field_name}". Known: ${fields.map((f) => f.name).join(', ')}.`,
      );
    const given = [w.value !== undefined, w.field_option_name !== undefined, w.delete === true].filter(
      Boolean,
    );
    if (given.length !== 1)
      throw new InvalidInputError(
        `${field.name}: give exactly one of value, field_option_name or delete: true.`,
      );
    if (w.delete) {
      clear.push(field.id);
      continue;
    }
    const value = w.field_option_name ?? w.value;
    if (field.data_type === 'single_select' && !field.options?.some((o) => o.name === value))
      throw new InvalidInputError(
        `${field.name} takes one of: ${(field.options ?? []).map((o) => o.name).join(', ')}.`,
      );
    set.push({
      field_id: field.id,
      value: typeof value === 'boolean' ? String(value) : (value as string | number),
    });
  }
  return { set, clear };
}
