import { TOKEN } from '@refmcp/fake-github';
import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('issue_write', () => {
  const h = useHarness();

  it('create without a title is an input error', async () => {
    const out = await h.call('issue_write', { ...where, method: 'create' });
    expect(out.text).toMatch(/^Invalid input: title is required/);
  });

  it('sets a milestone, and closes an issue as a duplicate of another', async () => {
    await h.call('milestone_write', { ...where, method: 'create', title: 'v1.1' });
    const set = await h.call('issue_write', { ...where, method: 'update', issue_number: 2, milestone: 1 });
    expect(set.isError, set.text).toBe(false);
    expect(h.fake.gh.calls.at(-1)).toMatchObject({ method: 'PATCH', body: { milestone: 1 }, token: TOKEN });
    const dup = await h.call('issue_write', { ...where, method: 'update', issue_number: 2, duplicate_of: 1 });
    expect(dup.structured).toMatchObject({ number: 2, state: 'closed' });
    const issues = h.fake.gh.repo('octocat', 'hello-world')?.issues;
    expect(issues?.[1]).toMatchObject({ milestone: 1, duplicate_of: 1, state_reason: 'duplicate' });
    expect(h.fake.gh.calls.at(-1)?.body).toEqual({
      duplicate_issue_id: issues?.[0]?.id,
      state: 'closed',
      state_reason: 'duplicate',
    });
  });

  it("sets an organization's issue type and issue fields by name, and clears a field", async () => {
    h.fake.gh.repo('octo-org', 'tools')?.collaborators.set('octocat', 'write');
    const org = { owner: 'octo-org', repo: 'tools', method: 'update', issue_number: 1 };
    const res = await h.call('issue_write', {
      ...org,
      type: 'bug',
      issue_fields: [
        { field_name: 'priority', field_option_name: 'P1' },
        { field_name: 'Estimate', value: 3 },
      ],
    });
    expect(res.isError, res.text).toBe(false);
    const fields = h.fake.gh.issueFields.get('octo-org') ?? [];
    const issue = h.fake.gh.repo('octo-org', 'tools')?.issues[0];
    expect(issue?.type).toBe('Bug');
    expect(issue?.field_values).toEqual({ [fields[0]?.id ?? 0]: 'P1', [fields[1]?.id ?? 0]: 3 });
    await h.call('issue_write', { ...org, issue_fields: [{ field_name: 'Estimate', delete: true }] });
    expect(h.fake.gh.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/repos/octo-org/tools/issues/1/issue-field-values/${fields[1]?.id}`,
    });
    expect(issue?.field_values).toEqual({ [fields[0]?.id ?? 0]: 'P1' });
    const wrong = await h.call('issue_write', {
      ...org,
      issue_fields: [{ field_name: 'Priority', value: 'P9' }],
    });
    expect(wrong.text).toContain('Priority takes one of: P1, P2');
    const removed = await h.call('issue_write', { ...org, type: null });
    expect(removed.isError, removed.text).toBe(false);
    expect(issue?.type).toBeNull();
  });
});
