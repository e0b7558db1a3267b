import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('list_issues', () => {
  const h = useHarness();

  it('leaves pull requests out', async () => {
    const list = await h.call('list_issues', where);
    expect(((list.structured?.issues ?? []) as Array<{ number: number }>).map((i) => i.number)).toEqual([
      2, 1,
    ]);
  });

  it("takes github-mcp-server's state, orderBy, direction and after", async () => {
    const res = await h.call('list_issues', {
      owner: 'octocat',
      repo: 'hello-world',
      state: 'CLOSED',
      orderBy: 'COMMENTS',
      direction: 'ASC',
      after: '2',
    });
    expect(res.isError, res.text).toBe(false);
    expect(Object.fromEntries(new URLSearchParams(h.fake.gh.calls.at(-1)?.query))).toMatchObject({
      state: 'closed',
      sort: 'comments',
      direction: 'asc',
      page: '2',
    });
  });

  it('returns only the chosen fields, number always; body and user by upstream names', async () => {
    const out = await h.call('list_issues', {
      ...where,
      state: 'all',
      fields: ['user', 'body', 'created_at'],
    });
    const issues = (out.structured?.issues ?? []) as Array<Record<string, unknown>>;
    expect(issues.length).toBeGreaterThan(0);
    for (const i of issues) expect(Object.keys(i).sort()).toEqual(['author', 'body', 'created', 'number']);
    expect(issues.find((i) => i.number === 1)).toMatchObject({
      author: expect.any(String),
      body: expect.any(String),
    });
  });

  it('field_values gives custom field values by field name', async () => {
    const gh = h.fake.gh;
    const repo = gh.repo('octo-org', 'tools');
    const field = gh.issueFields.get('octo-org')?.find((f) => f.data_type === 'single_select');
    if (!repo || !field) throw new Error('the seed has an org repository and a select field');
    const made = gh.addIssue(repo, { title: 'Prioritised', user: 'octocat' });
    made.field_values = { [field.id]: field.options[0]?.name ?? '' };
    const out = await h.call('list_issues', { owner: 'octo-org', repo: 'tools', fields: ['field_values'] });
    const issues = (out.structured?.issues ?? []) as Array<Record<string, unknown>>;
    expect(issues.find((i) => i.number === made.number)).toEqual({
      number: made.number,
      fieldValues: { [field.name]: field.options[0]?.name },
    });
    expect(issues.find((i) => i.number !== made.number)).toEqual({
      number: expect.any(Number),
      fieldValues: {},
    });
  });

  it('field_filters keeps the issues whose custom fields hold those values', async () => {
    const gh = h.fake.gh;
    const repo = gh.repo('octo-org', 'tools');
    const [priority, estimate] = gh.issueFields.get('octo-org') ?? [];
    if (!repo || !priority || !estimate) throw new Error('the seed has an org repository and two fields');
    const urgent = gh.addIssue(repo, { title: 'Urgent and small', user: 'octocat' });
    urgent.field_values = { [priority.id]: 'P1', [estimate.id]: 2 };
    const later = gh.addIssue(repo, { title: 'Later', user: 'octocat' });
    later.field_values = { [priority.id]: 'P2', [estimate.id]: 2 };
    const out = await h.call('list_issues', {
      owner: 'octo-org',
      repo: 'tools',
      field_filters: [
        { field_name: 'priority', value: 'P1' },
        { field_name: 'Estimate', value: '2' },
      ],
    });
    expect(out.isError, out.text).toBe(false);
    expect(((out.structured?.issues ?? []) as Array<{ number: number }>).map((i) => i.number)).toEqual([
      urgent.number,
    ]);
    expect(new URLSearchParams(h.fake.gh.calls.at(-1)?.query).get('issue_field_values')).toBe(
      'priority:P1,estimate:2',
    );
    const both = await h.call('list_issues', {
      ...where,
      field_filters: [{ field_name: 'priority', value: 'P1', values: ['P2'] }],
    });
    expect(both.isError).toBe(true);
    expect(both.text).toContain('one of value or values');
  });
});
