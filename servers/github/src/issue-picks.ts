import * as z from 'zod';
import { fieldSelection } from './fields.js';
import { issueSummary } from './issues.js';
import { text } from './sanitize.js';

/** `fields` for list_issues, search_issues and search_pull_requests, by github-mcp-server's names. */

interface RawIssue {
  assignee?: { login: string } | null;
  assignees?: Array<{ login: string }> | null;
  author_association?: string;
  body?: string | null;
  closed_at?: string | null;
  closed_by?: { login: string } | null;
  created_at: string;
  draft?: boolean;
  html_url: string;
  locked?: boolean;
  milestone?: { title: string } | null;
  pull_request?: { merged_at?: string | null } | null;
  reactions?: Record<string, unknown> | null;
  state_reason?: string | null;
  type?: { name?: string } | null;
  issue_field_values?: Array<{
    issue_field_name?: string;
    value?: string | number | null;
    single_select_option?: { name: string } | null;
  }>;
}

const login = (u: { login: string } | null | undefined) => u?.login ?? null;

/** Reaction counts by emoji, the non-zero ones. */
function reactions(r: RawIssue['reactions']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(r ?? {}))
    if (typeof v === 'number' && v > 0 && k !== 'total_count') out[k] = v;
  return out;
}

const common = {
  assignees: (i: RawIssue) => ({ assignees: (i.assignees ?? []).map((a) => a.login) }),
  body: (i: RawIssue) => ({ body: text(i.body) }),
  comments: ['comments'],
  created_at: (i: RawIssue) => ({ created: i.created_at }),
  field_values: (i: RawIssue) => ({
    fieldValues: Object.fromEntries(
      (i.issue_field_values ?? []).map((v) => [
        v.issue_field_name ?? '',
        v.single_select_option?.name ?? v.value ?? null,
      ]),
    ),
  }),
  labels: ['labels'],
  number: ['number'],
  state: ['state'],
  title: ['title'],
  updated_at: ['updated'],
  user: ['author'],
} as const;

const extra = {
  assignees: z.array(z.string()),
  body: z.string().nullable(),
  created: z.string(),
  fieldValues: z.record(z.string(), z.union([z.string(), z.number()]).nullable()),
};

export const listIssueFields = fieldSelection<RawIssue, typeof issueSummary.shape, typeof extra, 'number'>({
  base: issueSummary,
  keep: ['number'],
  fields: common,
  extra,
});

const searchExtra = {
  ...extra,
  assignee: z.string().nullable(),
  authorAssociation: z.string(),
  closed: z.string().nullable(),
  closedBy: z.string().nullable(),
  draft: z.boolean(),
  url: z.string(),
  locked: z.boolean(),
  milestone: z.string().nullable(),
  pullRequest: z.object({ merged: z.string().nullable() }).nullable(),
  reactions: z.record(z.string(), z.number()),
  stateReason: z.string().nullable(),
  type: z.string().nullable(),
};

const searchBase = issueSummary.extend({ repo: z.string() });

const searchFields = {
  ...common,
  assignee: (i: RawIssue) => ({ assignee: login(i.assignee) }),
  author_association: (i: RawIssue) => ({ authorAssociation: i.author_association ?? 'NONE' }),
  closed_at: (i: RawIssue) => ({ closed: i.closed_at ?? null }),
  closed_by: (i: RawIssue) => ({ closedBy: login(i.closed_by) }),
  draft: (i: RawIssue) => ({ draft: i.draft ?? false }),
  html_url: (i: RawIssue) => ({ url: i.html_url }),
  locked: (i: RawIssue) => ({ locked: i.locked ?? false }),
  milestone: (i: RawIssue) => ({ milestone: i.milestone?.title ?? null }),
  pull_request: (i: RawIssue) => ({
    pullRequest: i.pull_request ? { merged: i.pull_request.merged_at ?? null } : null,
  }),
  reactions: (i: RawIssue) => ({ reactions: reactions(i.reactions) }),
  repository_url: ['repo'],
  state_reason: (i: RawIssue) => ({ stateReason: i.state_reason ?? null }),
  type: (i: RawIssue) => ({ type: i.type?.name ?? null }),
} as const;

export const searchIssueFields = fieldSelection<
  RawIssue,
  typeof searchBase.shape,
  typeof searchExtra,
  'number' | 'repo'
>({
  base: searchBase,
  keep: ['number', 'repo'],
  fields: searchFields,
  extra: searchExtra,
});

/** search_pull_requests offers the same, less `type` and `field_values` (issues only). */
const { type: _type, field_values: _values, ...pullFields } = searchFields;
export const searchPullFields = fieldSelection<
  RawIssue,
  typeof searchBase.shape,
  typeof searchExtra,
  'number' | 'repo'
>({
  base: searchBase,
  keep: ['number', 'repo'],
  fields: pullFields,
  extra: searchExtra,
});
