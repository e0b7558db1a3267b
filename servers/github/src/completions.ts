import type { GitHubClient } from './client.js';

/**
 * Argument completions (owners, repositories, branches, issue, pull request and run numbers) for
 * prompts and resource templates. Each list is one API page (at most 100 items), kept for
 * TTL_MS so that typing a few characters costs one request, not one per keystroke; at most
 * MAX_LISTS lists are kept. A failure (no network, a bad token) completes nothing rather than
 * failing the request. Values are names and numbers only: no text written by other people.
 *
 * A Map with expiry rather than a cache package: a few lines, and the only eviction needed is
 * "oldest first" once the bound is reached.
 */
const TTL_MS = 30_000;
const MAX_LISTS = 200;
/** What MCP allows in one completion answer. */
const MAX_VALUES = 100;
/** A completion is interactive: a slow GitHub answers nothing rather than hang the request. */
const REQUEST_TIMEOUT_MS = 5000;

export type CompletionContext = { arguments?: Record<string, string> } | undefined;

export class Completer {
  private readonly lists = new Map<string, { at: number; values: Promise<string[]> }>();

  constructor(
    private readonly gh: GitHubClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** You, and the owners of the repositories you can reach (organisations, collaborators). */
  owner = (typed: string | undefined) =>
    this.complete('owners', typed, async (request) => {
      const me = (await this.gh.rest.users.getAuthenticated({ request })).data.login;
      const repos = await this.gh.rest.repos.listForAuthenticatedUser({
        per_page: 100,
        sort: 'updated',
        request,
      });
      return [me, ...repos.data.map((r) => r.owner.login)];
    });

  /** The owner's repositories, most recently pushed first (public ones for anyone but you). */
  repo = (typed: string | undefined, ctx: CompletionContext) => {
    const owner = ctx?.arguments?.owner;
    if (!owner) return Promise.resolve([]);
    return this.complete(`repos:${owner}`, typed, async (request) => {
      const { data } = await this.gh.rest.repos.listForUser({
        username: owner,
        per_page: 100,
        sort: 'pushed',
        request,
      });
      return data.map((r) => r.name);
    });
  };

  branch = (typed: string | undefined, ctx: CompletionContext) =>
    this.inRepo(ctx, 'branches', typed, async (where, request) => {
      const { data } = await this.gh.rest.repos.listBranches({ ...where, per_page: 100, request });
      return data.map((b) => b.name);
    });

  /** Open issues, newest first (pull requests, which the issues API also lists, left out). */
  issue = (typed: string | undefined, ctx: CompletionContext) =>
    this.inRepo(ctx, 'issues', typed, async (where, request) => {
      const { data } = await this.gh.rest.issues.listForRepo({
        ...where,
        state: 'open',
        per_page: 100,
        request,
      });
      return data.filter((i) => !i.pull_request).map((i) => String(i.number));
    });

  /** Open pull requests, newest first. */
  pull = (typed: string | undefined, ctx: CompletionContext) =>
    this.inRepo(ctx, 'pulls', typed, async (where, request) => {
      const { data } = await this.gh.rest.pulls.list({ ...where, state: 'open', per_page: 100, request });
      return data.map((p) => String(p.number));
    });

  /** Failed workflow runs, newest first. */
  failedRun = (typed: string | undefined, ctx: CompletionContext) =>
    this.inRepo(ctx, 'failed-runs', typed, async (where, request) => {
      const { data } = await this.gh.rest.actions.listWorkflowRunsForRepo({
        ...where,
        status: 'failure',
        per_page: 100,
        request,
      });
      return data.workflow_runs.map((r) => String(r.id));
    });

  private inRepo(
    ctx: CompletionContext,
    kind: string,
    typed: string | undefined,
    load: (where: { owner: string; repo: string }, request: { signal: AbortSignal }) => Promise<string[]>,
  ): Promise<string[]> {
    const { owner, repo } = ctx?.arguments ?? {};
    if (!owner || !repo) return Promise.resolve([]);
    return this.complete(`${kind}:${owner}/${repo}`, typed, (request) => load({ owner, repo }, request));
  }

  private async complete(
    key: string,
    typed: string | undefined,
    load: (request: { signal: AbortSignal }) => Promise<string[]>,
  ): Promise<string[]> {
    const id = key.toLowerCase();
    let entry = this.lists.get(id);
    if (!entry || this.now() - entry.at > TTL_MS) {
      this.lists.delete(id);
      if (this.lists.size >= MAX_LISTS) this.lists.delete(this.lists.keys().next().value ?? '');
      const values = load({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      entry = { at: this.now(), values };
      this.lists.set(id, entry);
      // A failure is not kept: the next keystroke asks again.
      values.catch(() => this.lists.get(id) === entry && this.lists.delete(id));
    }
    const all = await entry.values.catch(() => [] as string[]);
    const prefix = (typed ?? '').toLowerCase();
    return [...new Set(all)].filter((v) => v.toLowerCase().startsWith(prefix)).slice(0, MAX_VALUES);
  }
}
