import { describe, expect, it } from 'vitest';
import { useHarness } from './test-helpers.js';

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema };

/** Paths in `data` that the announced schema does not describe, or describes with another type. */
function undeclared(data: unknown, schema: Schema, at = ''): string[] {
  if (data === null || data === undefined) return [];
  const types = [schema.type ?? []].flat();
  const actual = Array.isArray(data) ? 'array' : typeof data === 'object' ? 'object' : typeof data;
  const fits =
    types.length === 0 || types.includes(actual) || (actual === 'number' && types.includes('integer'));
  if (!fits) return [`${at || '/'}: ${actual} announced as ${types.join('|')}`];
  if (Array.isArray(data)) return data.flatMap((d, i) => undeclared(d, schema.items ?? {}, `${at}/${i}`));
  if (actual !== 'object' || !schema.properties) return [];
  return Object.entries(data as Record<string, unknown>).flatMap(([key, value]) => {
    const property = schema.properties?.[key];
    return property ? undeclared(value, property, `${at}/${key}`) : [`${at}/${key}: not announced`];
  });
}

const where = { owner: 'octocat', repo: 'hello-world' };
const pr = { ...where, pullNumber: 3 };
const CALLS: Array<[string, Record<string, unknown>]> = [
  ['get_me', {}],
  ['get_teams', {}],
  ['get_file_contents', { ...where, path: 'README.md' }],
  ['get_file_contents', { ...where, path: 'src' }],
  ['list_commits', where],
  ['get_commit', { ...where, sha: 'main', include_diff: true }],
  ['list_branches', where],
  ['list_tags', where],
  ['list_releases', where],
  ['get_latest_release', where],
  ['get_repository_tree', where],
  ['search_code', { query: 'greet' }],
  ['search_repositories', { query: 'hello' }],
  ['issue_read', { ...where, issue_number: 1 }],
  ['issue_read', { ...where, issue_number: 2, method: 'get_comments' }],
  ['issue_read', { ...where, issue_number: 1, method: 'get_labels' }],
  ['list_issues', { ...where, state: 'all' }],
  ['search_issues', { query: 'rude' }],
  ...[
    'get',
    'get_status',
    'get_files',
    'get_commits',
    'get_review_comments',
    'get_reviews',
    'get_check_runs',
  ].map((method): [string, Record<string, unknown>] => ['pull_request_read', { ...pr, method }]),
  ['list_pull_requests', where],
  ['search_pull_requests', { query: 'polite' }],
  ['search_users', { query: 'ali' }],
  ['list_discussions', where],
  ['get_discussion', { ...where, discussionNumber: 1 }],
  ['get_discussion_comments', { ...where, discussionNumber: 1, includeReplies: true }],
  ['list_discussion_categories', where],
];

describe('output schemas', () => {
  const h = useHarness();

  it('announce every field the read tools return, with its type', async () => {
    const { tools } = await h.client.listTools();
    const schemas = new Map(tools.map((t) => [t.name, t.outputSchema as Schema]));
    const problems: string[] = [];
    for (const [name, args] of CALLS) {
      const out = await h.call(name, args);
      expect(out.isError, `${name}: ${out.text}`).toBe(false);
      problems.push(...undeclared(out.structured, schemas.get(name) ?? {}).map((p) => `${name} ${p}`));
    }
    expect(problems).toEqual([]);
  });
});
