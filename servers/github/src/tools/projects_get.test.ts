import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octo-org', owner_type: 'org', project_number: 1 };

describe('projects_get', () => {
  const h = useHarness();

  it('gets a project, one of its fields and one item', async () => {
    expect((await h.call('projects_get', { method: 'get_project', ...where })).structured).toMatchObject({
      project: { number: 1, title: 'Roadmap' },
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe('/orgs/octo-org/projectsV2/1');
    const project = h.fake.gh.projects[0];
    const status = project?.fields[1];
    const field = await h.call('projects_get', {
      method: 'get_project_field',
      ...where,
      field_id: status?.id,
    });
    expect(field.structured).toMatchObject({ field: { name: 'Status', type: 'single_select' } });
    const itemId = project?.items[0]?.id;
    const item = await h.call('projects_get', {
      method: 'get_project_item',
      ...where,
      item_id: itemId,
      fields: [String(status?.id)],
    });
    expect(item.structured).toMatchObject({
      item: { id: itemId, fields: [{ name: 'Status', value: 'Todo' }] },
    });
    expect(h.fake.gh.calls.at(-1)?.path).toBe(`/orgs/octo-org/projectsV2/1/items/${itemId}`);
  });

  it('gets a view and a status update by node id alone', async () => {
    const view = await h.call('projects_get', { method: 'get_project_view', view_id: 'PVTV_77' });
    expect(view.structured).toMatchObject({ view: { id: 'PVTV_77', name: 'By status', layout: 'board' } });
    const update = await h.call('projects_get', {
      method: 'get_project_status_update',
      status_update_id: 'PVTSU_78',
    });
    expect(update.structured).toMatchObject({ statusUpdate: { status: 'ON_TRACK', body: 'On schedule.' } });
    const wrong = await h.call('projects_get', { method: 'get_project_view', view_id: 'PVTSU_78' });
    expect(wrong.isError).toBe(true);
    expect(wrong.text).toContain('not a ProjectV2View');
  });

  it('says which argument a method needs', async () => {
    const res = await h.call('projects_get', { method: 'get_project_item', ...where });
    expect(res.isError).toBe(true);
    expect(res.text).toContain('get_project_item needs item_id');
    const noId = await h.call('projects_get', { method: 'get_project_view' });
    expect(noId.text).toContain('get_project_view needs view_id');
  });
});
