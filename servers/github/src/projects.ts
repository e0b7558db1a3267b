import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from './deps.js';
import { text } from './sanitize.js';

/**
 * Projects (v2) through Octokit's REST methods, as github-mcp-server does for projects, fields
 * and items: their ids are the numeric ones its arguments take. Each call exists for an
 * organization and for a user; `ownerType` picks the pair.
 */

export const ownerArgs = {
  owner: z.string().min(1),
  owner_type: z.enum(['user', 'org']).optional().describe('detected when omitted'),
};
export const projectNumber = z.number().int().min(1);

export type OwnerType = 'user' | 'org';

/** The owner's kind as given, or from its account (one request). */
export async function ownerTypeOf(
  ctx: GitHubContext,
  input: { owner: string; owner_type?: OwnerType | undefined },
) {
  if (input.owner_type) return input.owner_type;
  const { data } = await ctx.deps.gh.rest.users.getByUsername({
    username: input.owner,
    request: { signal: ctx.signal },
  });
  return data.type === 'Organization' ? 'org' : 'user';
}

/** The cursors of the next and previous page, from GitHub's Link header. */
export function cursorsOf(headers: { link?: string | undefined }) {
  const cursor = (rel: string, param: string) => {
    const url = new RegExp(`<([^>]+)>;\\s*rel="${rel}"`).exec(headers.link ?? '')?.[1];
    return url ? (new URL(url).searchParams.get(param) ?? undefined) : undefined;
  };
  const next = cursor('next', 'after');
  const prev = cursor('prev', 'before');
  return { ...(next && { nextCursor: next }), ...(prev && { prevCursor: prev }) };
}

export function needs<T>(value: T | undefined, name: string, method: string): T {
  if (value === undefined) throw new InvalidInputError(`${method} needs ${name}.`);
  return value;
}

export const projectOut = z.object({
  number: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  public: z.boolean().optional(),
  closed: z.boolean(),
});
export const fieldOut = z.object({
  id: z.number(),
  name: z.string(),
  type: z.string(),
  options: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});
export const itemOut = z.object({
  id: z.number(),
  type: z.string(),
  number: z.number().optional(),
  url: z.string().optional(),
  fields: z.array(z.object({ id: z.number(), name: z.string(), value: z.unknown() })),
});

type ProjectData = {
  number: number;
  title: string;
  short_description?: string | null;
  description?: string | null;
  public?: boolean;
  closed_at: string | null;
};
export const project = (p: ProjectData) => ({
  number: p.number,
  title: text(p.title) ?? '',
  description: text(p.short_description ?? p.description ?? null, 300),
  ...(p.public !== undefined && { public: p.public }),
  closed: p.closed_at !== null,
});

type OptionData = { id: string; name: string | { raw: string } };
type FieldData = { id: number; name: string; data_type: string; options?: OptionData[] };
const optionName = (o: OptionData) => (typeof o.name === 'string' ? o.name : o.name.raw);
export const field = (f: FieldData) => ({
  id: f.id,
  name: f.name,
  type: f.data_type,
  ...(f.options && { options: f.options.map((o) => ({ id: o.id, name: optionName(o) })) }),
});

type ItemData = {
  id: number;
  content_type: string;
  content?: Record<string, unknown> | null;
  fields?: Array<Record<string, unknown>>;
};
/** A field's value: text for text and titles, the option's name for single selects. */
function value(v: unknown): unknown {
  if (typeof v === 'string') return text(v, 500);
  if (v && typeof v === 'object' && 'name' in v) {
    const name = (v as { name: unknown }).name;
    return typeof name === 'string' ? name : (name as { raw?: string })?.raw;
  }
  return v ?? null;
}
export const item = (i: ItemData) => ({
  id: i.id,
  type: i.content_type,
  ...(typeof i.content?.number === 'number' && { number: i.content.number }),
  ...(typeof i.content?.html_url === 'string' && { url: i.content.html_url }),
  fields: (i.fields ?? []).map((f) => ({ id: Number(f.id), name: String(f.name), value: value(f.value) })),
});

/** Field ids for `fields`, or for `field_names` (resolved from the project's fields). */
export async function fieldIds(
  ctx: GitHubContext,
  where: { type: OwnerType; owner: string; project_number: number },
  input: { fields?: string[] | undefined; field_names?: string[] | undefined },
): Promise<string | undefined> {
  if (input.fields && input.field_names) throw new InvalidInputError('Give fields or field_names, not both.');
  if (input.fields) return input.fields.join(',');
  if (!input.field_names) return undefined;
  const all = await listFields(ctx, where);
  const ids = input.field_names.map((name) => {
    const found = all.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!found)
      throw new InvalidInputError(
        `No field "${name}" in this project. Known: ${all.map((f) => f.name).join(', ')}.`,
      );
    return found.id;
  });
  return ids.join(',');
}

export async function listFields(
  ctx: GitHubContext,
  where: { type: OwnerType; owner: string; project_number: number },
  page: { per_page?: number; after?: string; before?: string } = { per_page: 100 },
) {
  const gh = ctx.deps.gh.rest.projects;
  const params = { project_number: where.project_number, ...page, request: { signal: ctx.signal } };
  const res =
    where.type === 'org'
      ? await gh.listFieldsForOrg({ ...params, org: where.owner })
      : await gh.listFieldsForUser({ ...params, username: where.owner });
  return res.data.map(field);
}
