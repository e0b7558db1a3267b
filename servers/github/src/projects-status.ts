import { InvalidInputError } from '@refmcp/core';
import * as z from 'zod';
import type { GitHubContext } from './deps.js';
import { graphql } from './graphql.js';
import type { Where } from './projects-views.js';
import { text } from './sanitize.js';

/**
 * Status updates and new projects, which only GraphQL has, and iteration fields, which REST
 * creates with their schedule in one call.
 */

export const STATUSES = ['INACTIVE', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'COMPLETE'] as const;

export const statusOut = z.object({
  id: z.string(),
  status: z.string().nullable(),
  body: z.string().nullable(),
  start_date: z.string().nullable(),
  target_date: z.string().nullable(),
  created_at: z.string(),
  creator: z.string().nullable(),
});

export const STATUS_FIELDS = 'id status body startDate targetDate createdAt creator { login }';

export interface StatusNode {
  id: string;
  status: string | null;
  body: string | null;
  startDate: string | null;
  targetDate: string | null;
  createdAt: string;
  creator: { login: string } | null;
}

export const statusUpdate = (s: StatusNode) => ({
  id: s.id,
  status: s.status,
  body: text(s.body, 2000),
  start_date: s.startDate,
  target_date: s.targetDate,
  created_at: s.createdAt,
  creator: s.creator?.login ?? null,
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export function checkDate(value: string | undefined, name: string) {
  if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
    throw new InvalidInputError(`${name} must be a date as YYYY-MM-DD, not "${value}".`);
  return value;
}

async function projectNodeId(ctx: GitHubContext, where: Where): Promise<string> {
  const gh = ctx.deps.gh.rest.projects;
  const base = { project_number: where.project_number, request: { signal: ctx.signal } };
  const res =
    where.type === 'org'
      ? await gh.getForOrg({ ...base, org: where.owner })
      : await gh.getForUser({ ...base, username: where.owner });
  return res.data.node_id;
}

export async function createStatusUpdate(
  ctx: GitHubContext,
  where: Where,
  input: {
    body?: string | undefined;
    status?: string | undefined;
    start_date?: string | undefined;
    target_date?: string | undefined;
  },
) {
  const change = {
    projectId: await projectNodeId(ctx, where),
    ...(input.body && { body: input.body }),
    ...(input.status && { status: input.status }),
    ...(input.start_date && { startDate: checkDate(input.start_date, 'start_date') }),
    ...(input.target_date && { targetDate: checkDate(input.target_date, 'target_date') }),
  };
  const res = await graphql<{ createProjectV2StatusUpdate: { statusUpdate: StatusNode } }>(
    ctx,
    `mutation CreateStatus($input: CreateProjectV2StatusUpdateInput!) { createProjectV2StatusUpdate(input: $input) { statusUpdate { ${STATUS_FIELDS} } } }`,
    { input: change },
  );
  return statusUpdate(res.createProjectV2StatusUpdate.statusUpdate);
}

export const createdProjectOut = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  url: z.string(),
});

export async function createProject(ctx: GitHubContext, owner: string, title: string) {
  if (!title.trim()) throw new InvalidInputError('create_project needs a non-empty title.');
  // The account's node_id is its GraphQL id, for users and organizations alike.
  const { data } = await ctx.deps.gh.rest.users.getByUsername({
    username: owner,
    request: { signal: ctx.signal },
  });
  const res = await graphql<{ createProjectV2: { projectV2: z.infer<typeof createdProjectOut> } }>(
    ctx,
    'mutation CreateProject($input: CreateProjectV2Input!) { createProjectV2(input: $input) { projectV2 { id number title url } } }',
    { input: { ownerId: data.node_id, title } },
  );
  const p = res.createProjectV2.projectV2;
  return { ...p, title: text(p.title) ?? '' };
}

export const iterationFieldOut = z.object({
  id: z.number(),
  name: z.string(),
  iterations: z.array(
    z.object({ id: z.string(), title: z.string(), start_date: z.string(), duration: z.number() }),
  ),
});

type Iteration = { title: string; start_date: string; duration: number };
type RestIterationField = {
  id: number;
  name: string;
  configuration?: {
    iterations?: Array<{ id: string; start_date: string; duration: number; title: { raw: string } }>;
  };
};

export async function createIterationField(
  ctx: GitHubContext,
  where: Where,
  input: {
    field_name: string;
    iteration_duration: number;
    start_date: string;
    iterations?: Iteration[] | undefined;
  },
) {
  checkDate(input.start_date, 'start_date');
  for (const [k, i] of (input.iterations ?? []).entries())
    checkDate(i.start_date, `iterations[${k}].start_date`);
  const body = {
    project_number: where.project_number,
    name: input.field_name,
    data_type: 'iteration' as const,
    iteration_configuration: {
      start_date: input.start_date,
      duration: input.iteration_duration,
      // Without iterations GitHub plans three of the default length from start_date.
      ...(input.iterations?.length && { iterations: input.iterations }),
    },
    request: { signal: ctx.signal },
  };
  const gh = ctx.deps.gh;
  const res =
    where.type === 'org'
      ? await gh.request('POST /orgs/{org}/projectsV2/{project_number}/fields', { ...body, org: where.owner })
      : await gh.request('POST /users/{username}/projectsV2/{project_number}/fields', {
          ...body,
          username: where.owner,
        });
  const f = res.data as RestIterationField;
  return {
    id: f.id,
    name: f.name,
    iterations: (f.configuration?.iterations ?? []).map((i) => ({
      id: i.id,
      title: i.title.raw,
      start_date: i.start_date,
      duration: i.duration,
    })),
  };
}
