import * as z from 'zod';
import {
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

/**
 * Read-only security alerts, one toolset each as in github-mcp-server. A secret scanning alert
 * never carries the secret itself: the model needs its type and location, not the credential.
 */

const alertOut = z.object({
  number: z.number(),
  state: z.string(),
  severity: z.string().nullable(),
  title: z.string().describe('Rule, secret type or package'),
  summary: z.string().nullable(),
  path: z.string().nullable(),
  created: z.string(),
  url: z.string(),
});
type Alert = z.infer<typeof alertOut>;
const list = z.object({ alerts: z.array(alertOut), nextPage });

interface Kind {
  toolset: string;
  noun: string;
  listName: string;
  getName: string;
  filters: z.ZodRawShape;
  list: (
    ctx: Parameters<GitHubTool['handler']>[1],
    q: Record<string, unknown>,
  ) => Promise<{ data: unknown[]; headers: { link?: string } }>;
  get: (
    ctx: Parameters<GitHubTool['handler']>[1],
    q: { owner: string; repo: string; alert_number: number },
  ) => Promise<{ data: unknown }>;
  trim: (a: never) => Alert;
}

const KINDS: Kind[] = [
  {
    toolset: 'code_security',
    noun: 'code scanning',
    listName: 'list_code_scanning_alerts',
    getName: 'get_code_scanning_alert',
    filters: {
      state: z.enum(['open', 'closed', 'dismissed', 'fixed']).optional(),
      severity: z.string().optional(),
      tool_name: z.string().optional(),
    },
    list: (ctx, q) => ctx.deps.gh.rest.codeScanning.listAlertsForRepo(q as never),
    get: (ctx, q) => ctx.deps.gh.rest.codeScanning.getAlert(q),
    trim: (a: {
      number: number;
      state: string | null;
      rule: { id?: string | null; security_severity_level?: string | null; description?: string };
      most_recent_instance: { location?: { path?: string } };
      created_at: string;
      html_url: string;
    }) => ({
      number: a.number,
      state: a.state ?? 'unknown',
      severity: a.rule.security_severity_level ?? null,
      title: a.rule.id ?? '',
      summary: text(a.rule.description ?? null),
      path: a.most_recent_instance.location?.path ?? null,
      created: a.created_at,
      url: a.html_url,
    }),
  },
  {
    toolset: 'secret_protection',
    noun: 'secret scanning',
    listName: 'list_secret_scanning_alerts',
    getName: 'get_secret_scanning_alert',
    filters: { state: z.enum(['open', 'resolved']).optional(), secret_type: z.string().optional() },
    list: (ctx, q) => ctx.deps.gh.rest.secretScanning.listAlertsForRepo(q as never),
    get: (ctx, q) => ctx.deps.gh.rest.secretScanning.getAlert(q),
    trim: (a: {
      number?: number;
      state?: string;
      secret_type?: string;
      secret_type_display_name?: string;
      created_at?: string;
      html_url?: string;
    }) => ({
      number: a.number ?? 0,
      state: a.state ?? 'unknown',
      severity: null,
      title: a.secret_type ?? '',
      summary: a.secret_type_display_name ?? null,
      path: null,
      created: a.created_at ?? '',
      url: a.html_url ?? '',
    }),
  },
  {
    toolset: 'dependabot',
    noun: 'Dependabot',
    listName: 'list_dependabot_alerts',
    getName: 'get_dependabot_alert',
    filters: {
      state: z.string().optional().describe('open, fixed, dismissed, auto_dismissed'),
      severity: z.string().optional(),
    },
    list: (ctx, q) => ctx.deps.gh.rest.dependabot.listAlertsForRepo(q as never),
    get: (ctx, q) => ctx.deps.gh.rest.dependabot.getAlert(q),
    trim: (a: {
      number: number;
      state: string;
      security_advisory: { severity: string; summary: string };
      dependency: { package?: { name: string }; manifest_path?: string };
      created_at: string;
      html_url: string;
    }) => ({
      number: a.number,
      state: a.state,
      severity: a.security_advisory.severity,
      title: a.dependency.package?.name ?? '',
      summary: text(a.security_advisory.summary),
      path: a.dependency.manifest_path ?? null,
      created: a.created_at,
      url: a.html_url,
    }),
  },
];

function toolsFor(kind: Kind): GitHubTool[] {
  const trim = kind.trim as (a: unknown) => Alert;
  return [
    defineTool({
      name: kind.listName,
      title: `List ${kind.noun} alerts`,
      description: `${kind.noun[0]?.toUpperCase()}${kind.noun.slice(1)} alerts of a repository (needs write access).`,
      inputSchema: z.object({ owner, repo, ...kind.filters, ...paging }),
      outputSchema: list,
      annotations: READ,
      handler: async (input, ctx) => {
        const { page, perPage, ...rest } = input as Record<string, unknown> & {
          page?: number;
          perPage?: number;
        };
        const res = await kind.list(ctx, {
          ...rest,
          ...pageParams({ page, perPage }),
          request: { signal: ctx.signal },
        });
        return { alerts: res.data.map(trim), ...nextPageOf(res.headers) };
      },
    }),
    defineTool({
      name: kind.getName,
      title: `Get ${kind.noun} alert`,
      description: `One ${kind.noun} alert by number.`,
      inputSchema: z.object({ owner, repo, alertNumber: z.number() }),
      outputSchema: alertOut,
      annotations: READ,
      handler: async (input, ctx) =>
        trim(
          (await kind.get(ctx, { owner: input.owner, repo: input.repo, alert_number: input.alertNumber }))
            .data,
        ),
    }),
  ];
}

export const securityToolsets: Record<string, GitHubTool[]> = Object.fromEntries(
  KINDS.map((k) => [k.toolset, toolsFor(k)]),
);
