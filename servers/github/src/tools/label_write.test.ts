import { describe, expect, it } from 'vitest';
import { useHarness } from '../test-helpers.js';

const where = { owner: 'octocat', repo: 'hello-world' };

describe('label_write', () => {
  const h = useHarness();

  it('creates, updates and deletes a label', async () => {
    const created = await h.call('label_write', {
      ...where,
      method: 'create',
      name: 'docs',
      color: '0075ca',
    });
    expect(created.structured).toMatchObject({ label: { name: 'docs' } });
    const updated = await h.call('label_write', {
      ...where,
      method: 'update',
      name: 'docs',
      new_name: 'documentation',
    });
    expect(updated.structured).toMatchObject({ label: { name: 'documentation' } });
    expect(
      (await h.call('label_write', { ...where, method: 'delete', name: 'documentation' })).structured,
    ).toEqual({ deleted: true });
    expect((await h.call('list_label', where)).structured?.labels).toHaveLength(2);
  });
});
